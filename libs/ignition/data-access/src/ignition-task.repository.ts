import type { TDbClient } from '@lumenforge/db/server';
import type { TWizard } from '@lumenforge/ignition-templates';

/** The steps of a create task, in run order. */
export const CREATE_TASK_STEPS = ['render', 'repository', 'register', 'push'] as const;
export type TTaskStepId = (typeof CREATE_TASK_STEPS)[number];

export const TASK_STEP_LABELS: Readonly<Record<TTaskStepId, string>> = {
  render: 'Render the template',
  repository: 'Create the GitHub repository',
  register: 'Register the project',
  push: 'Push the initial commit',
};

export type TTaskStepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type TTaskStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * One step's state. `output` keeps what a later step (or a retry) needs from it, e.g. the GitHub
 * repository's clone URL; never a credential.
 */
export type TTaskStep = {
  id: TTaskStepId;
  label: string;
  status: TTaskStepStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  output?: Record<string, string>;
};

/** A task as the API answers it. */
export type TIgnitionTask = {
  id: string;
  workspaceId: string;
  kind: string;
  status: TTaskStatus;
  steps: TTaskStep[];
  projectId: string | null;
  projectSlug: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Finished steps (succeeded or skipped) over all steps, 0..1. */
  progress: number;
};

/** A task with what its runner needs: the wizard's answers and who started it. */
export type TRunnableTask = TIgnitionTask & { wizard: TWizard; createdById: string | null };

export type TTaskLogStream = 'stdout' | 'stderr' | 'system';
export type TTaskLogLine = { id: string; step: string; stream: TTaskLogStream; line: string; at: string };

/** A running task whose row has not changed for this long was orphaned (its process died). */
export const ORPHANED_AFTER_MS = 2 * 60_000;
const MAX_LOG_LINE_CHARS = 4_000;

/** The steps of a create task for a Git target: steps that do not apply are skipped from the start. */
export function initialCreateSteps(gitKind: TWizard['git']['kind']): TTaskStep[] {
  const applies: Record<TTaskStepId, boolean> = {
    render: true,
    repository: gitKind === 'github',
    register: true,
    push: gitKind !== 'none',
  };
  return CREATE_TASK_STEPS.map((id) => ({
    id,
    label: TASK_STEP_LABELS[id],
    status: applies[id] ? 'pending' : 'skipped',
    startedAt: null,
    finishedAt: null,
    error: null,
  }));
}

export function taskProgress(steps: readonly TTaskStep[]): number {
  if (steps.length === 0) return 0;
  const done = steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped').length;
  return Math.round((done / steps.length) * 1000) / 1000;
}

type TTaskRow = {
  id: string;
  workspaceId: string;
  kind: string;
  status: TTaskStatus;
  steps: unknown;
  answers: unknown;
  projectId: string | null;
  error: string | null;
  createdById: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  project: { slug: string } | null;
};

const TASK_INCLUDE = { project: { select: { slug: true } } } as const;

function toTask(row: TTaskRow): TIgnitionTask {
  const steps = row.steps as TTaskStep[];
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    status: row.status,
    steps,
    projectId: row.projectId,
    projectSlug: row.project?.slug ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    progress: row.status === 'succeeded' ? 1 : taskProgress(steps),
  };
}

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * IGNITION's tasks (`ignition_tasks`) and their logs (`ignition_task_log_lines`). The state lives
 * in PostgreSQL, so any replica answers a task's page and its stream; status changes that race
 * (cancel, retry, the runner finishing) are conditional updates.
 */
export class IgnitionTaskRepository {
  constructor(private readonly db: TDbClient) {}

  async create(input: {
    workspaceId: string;
    createdById: string | null;
    wizard: TWizard;
  }): Promise<TIgnitionTask> {
    const row = await this.db.ignitionTask.create({
      data: {
        workspaceId: input.workspaceId,
        createdById: input.createdById,
        kind: 'create',
        status: 'queued',
        answers: input.wizard as object,
        steps: initialCreateSteps(input.wizard.git.kind) as object[],
      },
      include: TASK_INCLUDE,
    });
    return toTask(row as TTaskRow);
  }

  /** A task of the workspace, or null. */
  async get(workspaceId: string, id: string): Promise<TIgnitionTask | null> {
    if (!isUuid(id)) return null;
    const row = await this.db.ignitionTask.findFirst({ where: { id, workspaceId }, include: TASK_INCLUDE });
    return row ? toTask(row as TTaskRow) : null;
  }

  /** A task with its stored answers, for the runner. */
  async getRunnable(id: string): Promise<TRunnableTask | null> {
    const row = await this.db.ignitionTask.findUnique({ where: { id }, include: TASK_INCLUDE });
    if (!row) return null;
    return { ...toTask(row as TTaskRow), wizard: row.answers as TWizard, createdById: row.createdById };
  }

  /** Writes the runner's view of the task; bumps `updated_at` (the liveness signal). */
  async save(
    id: string,
    change: {
      status?: TTaskStatus;
      steps?: TTaskStep[];
      error?: string | null;
      projectId?: string;
      finishedAt?: Date | null;
    },
  ): Promise<void> {
    await this.db.ignitionTask.update({
      where: { id },
      data: {
        ...(change.status ? { status: change.status } : {}),
        ...(change.steps ? { steps: change.steps as object[] } : {}),
        ...(change.error !== undefined ? { error: change.error } : {}),
        ...(change.projectId ? { projectId: change.projectId } : {}),
        ...(change.finishedAt !== undefined ? { finishedAt: change.finishedAt } : {}),
      },
    });
  }

  /** The runner's heartbeat: the row changes, so the task is not taken for orphaned. Returns the status. */
  async heartbeat(id: string): Promise<TTaskStatus | null> {
    const rows = await this.db.$queryRaw<{ status: TTaskStatus }[]>`
      UPDATE ignition_tasks SET updated_at = now() WHERE id = ${id}::uuid RETURNING status::text AS status`;
    return rows[0]?.status ?? null;
  }

  /**
   * Moves a task from one of `from` to `to` (one conditional UPDATE: of two racing callers one
   * wins). Returns the task after the change, or null when its status was not in `from`.
   */
  async transition(
    workspaceId: string,
    id: string,
    from: readonly TTaskStatus[],
    to: TTaskStatus,
    extra: { finishedAt?: Date | null; error?: string | null } = {},
  ): Promise<TIgnitionTask | null> {
    if (!isUuid(id)) return null;
    const { count } = await this.db.ignitionTask.updateMany({
      where: { id, workspaceId, status: { in: [...from] } },
      data: { status: to, ...extra },
    });
    return count === 1 ? this.get(workspaceId, id) : null;
  }

  /**
   * Cancels a queued or running task (any replica: the runner sees the status at its next
   * heartbeat and kills git). The running step shows `cancelled`. Null when it already finished.
   */
  async cancel(workspaceId: string, id: string): Promise<TIgnitionTask | null> {
    return this.rewrite(workspaceId, id, ['queued', 'running'], (steps) => ({
      status: 'cancelled',
      finishedAt: new Date(),
      steps: steps.map((step) =>
        step.status === 'running'
          ? {
              ...step,
              status: 'cancelled' as const,
              error: 'Cancelled',
              finishedAt: new Date().toISOString(),
            }
          : step,
      ),
    }));
  }

  /**
   * Queues a failed or cancelled task again: its failed or cancelled steps become pending (the
   * succeeded ones stay, so the run resumes where it stopped). Null unless it was failed/cancelled.
   */
  async requeue(workspaceId: string, id: string): Promise<TIgnitionTask | null> {
    return this.rewrite(workspaceId, id, ['failed', 'cancelled'], (steps) => ({
      status: 'queued',
      finishedAt: null,
      error: null,
      steps: steps.map((step) =>
        step.status === 'failed' || step.status === 'cancelled' || step.status === 'running'
          ? { ...step, status: 'pending' as const, error: null, startedAt: null, finishedAt: null }
          : step,
      ),
    }));
  }

  /** Changes a task whose status is in `from`, under its row lock (so cancel, retry and the runner cannot interleave). */
  private async rewrite(
    workspaceId: string,
    id: string,
    from: readonly TTaskStatus[],
    change: (steps: TTaskStep[]) => {
      status: TTaskStatus;
      finishedAt: Date | null;
      error?: null;
      steps: TTaskStep[];
    },
  ): Promise<TIgnitionTask | null> {
    if (!isUuid(id)) return null;
    const changed = await this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ status: TTaskStatus; steps: TTaskStep[] }[]>`
        SELECT status::text AS status, steps FROM ignition_tasks
        WHERE id = ${id}::uuid AND workspace_id = ${workspaceId}::uuid FOR UPDATE`;
      const row = rows[0];
      if (!row || !from.includes(row.status)) return false;
      const next = change(row.steps);
      await tx.ignitionTask.update({ where: { id }, data: { ...next, steps: next.steps as object[] } });
      return true;
    });
    return changed ? this.get(workspaceId, id) : null;
  }

  async appendLog(
    taskId: string,
    lines: ReadonlyArray<{ step: string; stream: TTaskLogStream; line: string }>,
  ): Promise<void> {
    if (lines.length === 0) return;
    await this.db.ignitionTaskLogLine.createMany({
      data: lines.map((entry) => ({
        taskId,
        step: entry.step,
        stream: entry.stream,
        line: entry.line.slice(0, MAX_LOG_LINE_CHARS),
      })),
    });
  }

  /** Log lines after `afterId` (exclusive), oldest first. */
  async logAfter(taskId: string, afterId: string | null, limit = 500): Promise<TTaskLogLine[]> {
    if (!isUuid(taskId)) return [];
    const rows = await this.db.ignitionTaskLogLine.findMany({
      where: { taskId, ...(afterId ? { id: { gt: BigInt(afterId) } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id.toString(),
      step: row.step,
      stream: row.stream as TTaskLogStream,
      line: row.line,
      at: row.createdAt.toISOString(),
    }));
  }

  /**
   * Fails queued or running tasks whose row has not changed for `olderThanMs` (their process died:
   * the runner bumps `updated_at` every few seconds). A retry resumes them. Returns how many.
   */
  async failOrphaned(olderThanMs = ORPHANED_AFTER_MS, taskId?: string): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanMs);
    const orphans = await this.db.ignitionTask.findMany({
      where: {
        status: { in: ['queued', 'running'] },
        updatedAt: { lt: cutoff },
        ...(taskId ? { id: taskId } : {}),
      },
      select: { id: true, steps: true },
    });
    let failed = 0;
    for (const orphan of orphans) {
      const message = 'The task stopped: the server running it went away. Retry to continue.';
      const steps = (orphan.steps as TTaskStep[]).map((step) =>
        step.status === 'running' ? { ...step, status: 'failed' as const, error: message } : step,
      );
      const { count } = await this.db.ignitionTask.updateMany({
        where: { id: orphan.id, status: { in: ['queued', 'running'] }, updatedAt: { lt: cutoff } },
        data: { status: 'failed', error: message, steps: steps as object[], finishedAt: new Date() },
      });
      failed += count;
    }
    return failed;
  }
}
