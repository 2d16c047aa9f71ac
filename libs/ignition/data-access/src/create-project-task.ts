import { DatabaseUnavailableError, type TAuditContext } from '@lumenforge/db';
import { toDatabaseError, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import type { TEventBus } from '@lumenforge/event-bus';
import {
  createGitHubRepository,
  DEFAULT_TOKEN_USERNAME,
  GitCancelledError,
  GitHubError,
  pushInitialCommit,
  type GitAuthor,
  type ProjectFile,
} from '@lumenforge/ignition-git';
import type { TRenderedFile, TWizardCredentials } from '@lumenforge/ignition-templates';
import {
  IgnitionTaskRepository,
  type TIgnitionTask,
  type TRunnableTask,
  type TTaskLogStream,
  type TTaskStep,
  type TTaskStepId,
} from './ignition-task.repository';
import { registerProject, type TProjectActor } from './project-registration';
import { renderWizard } from './render-wizard';
import type { TemplateRepository } from './template.repository';

export type TCreateTaskDeps = {
  db: TDbClient;
  bus: Pick<TEventBus<TDbTransaction>, 'publish'>;
  templates: TemplateRepository;
  logger?: { error: (fields: Record<string, unknown>, message?: string) => void };
  /** How often the runner bumps the task row and looks for a cancel from another replica. Default 3 s. */
  heartbeatMs?: number;
};

export type TRunCreateTaskOptions = {
  /** The Git token for this run only: held in memory, never stored or logged. */
  credentials: TWizardCredentials;
  /** Cancels the run; git's processes are killed. */
  signal?: AbortSignal;
  /** The audit context of the request that started (or retried) the task. */
  context: Omit<TAuditContext, 'onAudited'>;
  actor: TProjectActor;
  /** The initial commit's author (the person creating the project). */
  author: GitAuthor;
};

/** A step failed with a message for the task page. */
class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}

const CANCELLED_MESSAGE = 'Cancelled';

/** The message a failed step shows: typed errors carry a user-facing one; anything else its own. */
function stepErrorMessage(error: unknown): string {
  if (error instanceof GitHubError) return error.message;
  const database = toDatabaseError(error);
  if (database instanceof DatabaseUnavailableError) return database.message;
  if (error instanceof Error) return error.message.slice(0, 2_000);
  return String(error);
}

const toGitFiles = (files: readonly TRenderedFile[]): ProjectFile[] =>
  files.map((file) => ({
    path: file.path,
    content: file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content,
  }));

/**
 * Runs (or resumes) an IGNITION create task: `render` → `repository` (GitHub only) → `register` →
 * `push` (a Git target only). Steps that already succeeded are kept, so a retry resumes at the step
 * that failed with the stored answers and the fresh credentials given here (files are re-rendered:
 * rendering is deterministic). Every step logs to `ignition_task_log_lines`; the task row is
 * bumped every few seconds, and a cancel written by any replica (status `cancelled`) aborts the
 * run, killing git. A failed push leaves the project registered with the failure on the task.
 * Resolves with the task as it ended; never throws for a step's failure.
 */
export async function runCreateProjectTask(
  deps: TCreateTaskDeps,
  taskId: string,
  options: TRunCreateTaskOptions,
): Promise<TIgnitionTask | null> {
  const tasks = new IgnitionTaskRepository(deps.db);
  const queued = await tasks.getRunnable(taskId);
  if (!queued || queued.status !== 'queued') return queued;
  const started = await tasks.transition(queued.workspaceId, taskId, ['queued'], 'running', {
    finishedAt: null,
    error: null,
  });
  if (!started) return tasks.get(queued.workspaceId, taskId);
  const task: TRunnableTask = { ...queued, status: 'running' };
  const steps: TTaskStep[] = task.steps.map((step) => ({ ...step }));

  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  let wasCancelledElsewhere = false;
  const heartbeat = setInterval(() => {
    tasks.heartbeat(taskId).then(
      (status) => {
        if (status === 'cancelled') {
          wasCancelledElsewhere = true;
          abort.abort();
        }
      },
      () => undefined, // PostgreSQL away for a moment: the next beat tries again
    );
  }, deps.heartbeatMs ?? 3_000);

  // Log lines are written in order, one insert at a time, without holding up the step.
  let logChain: Promise<void> = Promise.resolve();
  const log = (step: TTaskStepId, stream: TTaskLogStream, line: string) => {
    logChain = logChain
      .then(() => tasks.appendLog(taskId, [{ step, stream, line }]))
      .catch((error: unknown) =>
        deps.logger?.error({ err: error, taskId }, 'IGNITION task log line not written'),
      );
  };

  const { wizard } = task;
  let rendered: { files: TRenderedFile[]; template: { id: string; version: string } } | null = null;
  const render = async () => {
    if (!rendered) {
      const result = await renderWizard(deps, task.workspaceId, wizard);
      rendered = {
        files: result.files,
        template: { id: result.stored.summary.id, version: result.stored.version },
      };
    }
    return rendered;
  };
  const output = (id: TTaskStepId) => steps.find((step) => step.id === id)?.output ?? {};
  const token = options.credentials.gitToken;

  const runStep = async (step: TTaskStep): Promise<void> => {
    switch (step.id) {
      case 'render': {
        const { files } = await render();
        log(
          'render',
          'system',
          `${files.length} files rendered from ${wizard.template.key}@${wizard.template.version}`,
        );
        return;
      }
      case 'repository': {
        if (wizard.git.kind !== 'github') return;
        if (!token)
          throw new StepFailure('A GitHub token is needed to create the repository: retry with one');
        log('repository', 'system', `Creating ${wizard.git.owner}/${wizard.git.repository} on GitHub`);
        const repository = await createGitHubRepository({
          credentials: { token },
          ...(wizard.git.baseUrl ? { baseUrl: wizard.git.baseUrl } : {}),
          owner: wizard.git.owner,
          name: wizard.git.repository,
          private: wizard.git.private,
          description: wizard.answers.description ?? '',
          signal,
        });
        step.output = { htmlUrl: repository.htmlUrl, cloneUrl: repository.cloneUrl };
        log('repository', 'system', `Created ${repository.htmlUrl}`);
        return;
      }
      case 'register': {
        const { files, template } = await render();
        const repositoryUrl =
          wizard.git.kind === 'github'
            ? (output('repository')['htmlUrl'] ?? null)
            : wizard.git.kind === 'remote'
              ? wizard.git.url
              : null;
        const project = await registerProject(
          deps,
          { workspaceId: task.workspaceId, actor: options.actor, wizard, template, files, repositoryUrl },
          options.context,
        );
        task.projectId = project.id;
        await tasks.save(taskId, { projectId: project.id });
        log(
          'register',
          'system',
          `Registered ${project.name} as /projects/${project.slug} with ${project.fileCount} files`,
        );
        return;
      }
      case 'push': {
        if (wizard.git.kind === 'none') return;
        if (!token) throw new StepFailure('A Git token is needed to push: retry with one');
        const { files } = await render();
        const remote =
          wizard.git.kind === 'remote'
            ? {
                url: wizard.git.url,
                auth: { username: wizard.git.username || DEFAULT_TOKEN_USERNAME, token },
              }
            : {
                url: output('repository')['cloneUrl'] ?? '',
                auth: { username: DEFAULT_TOKEN_USERNAME, token },
              };
        log('push', 'system', `Pushing the initial commit to ${remote.url} (${wizard.git.branch})`);
        const pushed = await pushInitialCommit({
          files: toGitFiles(files),
          remote,
          branch: wizard.git.branch,
          author: options.author,
          message: `Initial commit from IGNITION (${wizard.template.key}@${wizard.template.version})`,
          signal,
          onLog: (line) => log('push', 'stdout', line),
        });
        log('push', 'system', `Pushed ${pushed.commitSha.slice(0, 12)} with ${pushed.fileCount} files`);
        return;
      }
    }
  };

  let status: TIgnitionTask['status'] = 'succeeded';
  let error: string | null = null;
  let lastStep: TTaskStepId = 'render';
  try {
    for (const step of steps) {
      if (step.status === 'succeeded' || step.status === 'skipped') continue;
      lastStep = step.id;
      if (signal.aborted) {
        status = 'cancelled';
        break;
      }
      Object.assign(step, {
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        error: null,
      });
      await tasks.save(taskId, { steps });
      log(step.id, 'system', `${step.label}…`);
      try {
        await runStep(step);
        Object.assign(step, { status: 'succeeded', finishedAt: new Date().toISOString() });
      } catch (failure) {
        const cancelled = signal.aborted || failure instanceof GitCancelledError;
        const message = cancelled ? CANCELLED_MESSAGE : stepErrorMessage(failure);
        Object.assign(step, {
          status: cancelled ? 'cancelled' : 'failed',
          finishedAt: new Date().toISOString(),
          error: message,
        });
        log(step.id, 'stderr', cancelled ? 'Cancelled' : `Failed: ${message}`);
        status = cancelled ? 'cancelled' : 'failed';
        error = cancelled ? null : `${step.label} failed: ${message}`;
        if (!(failure instanceof StepFailure) && !cancelled && !isExpected(failure))
          deps.logger?.error({ err: failure, taskId, step: step.id }, 'IGNITION task step failed');
        break;
      }
      await tasks.save(taskId, { steps });
    }
  } finally {
    clearInterval(heartbeat);
  }
  if (wasCancelledElsewhere && status !== 'failed') status = 'cancelled';
  log(lastStep, 'system', status === 'succeeded' ? 'Done' : `Task ${status}`);
  await logChain;
  await tasks.save(taskId, { status, steps, error, finishedAt: new Date() });
  return tasks.get(task.workspaceId, taskId);
}

/** Failures a person causes or fixes (bad token, refused push, taken name): not server errors. */
function isExpected(error: unknown): boolean {
  return (
    error instanceof GitHubError ||
    (error instanceof Error &&
      (error.name.startsWith('Git') ||
        error.name.startsWith('Db') ||
        error.name.endsWith('ValidationError') ||
        error.name === 'WizardReferenceError'))
  );
}
