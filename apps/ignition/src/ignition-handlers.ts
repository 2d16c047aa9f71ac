import 'server-only';
import { DbConflictError, DbNotFoundError } from '@lumenforge/db';
import { createRepositories } from '@lumenforge/db/server';
import {
  checkGitTarget,
  createZipArchive,
  GitTargetRefusedError,
  IgnitionTaskRepository,
  isProjectSlugTaken,
  MAX_ZIP_INPUT_BYTES,
  NpmRegistryUnavailableError,
  ORPHANED_AFTER_MS,
  projectSlug,
  renderWizard,
  TemplateInvalidError,
  WizardReferenceError,
} from '@lumenforge/ignition-data-access';
import {
  AnswersValidationError,
  defaultAnswers,
  npmPackageNameProblems,
  stepOfIssue,
  type TRenderedFile,
  type TWizard,
  wizardIssues,
  ZDependencySchema,
  ZWizardCredentialsSchema,
  ZWizardGitSchema,
  ZWizardSchema,
} from '@lumenforge/ignition-templates';
import {
  apiRoute,
  InvalidRequestError,
  invalidBody,
  readJsonBody,
  readQuery,
  type TPlatformRuntime,
  UnprocessableError,
} from '@lumenforge/runtime/server';
import { z } from 'zod';
import { createIgnitionServices, type TIgnitionServiceOptions } from './ignition-services';
import { taskEventStream } from './task-event-stream';

type TKeyRoute = { params: Promise<{ key: string }> };
type TIdRoute = { params: Promise<{ id: string }> };

const NO_STORE = { 'Cache-Control': 'no-store' };
const ok = (body: unknown, status = 200) => Response.json(body, { status, headers: NO_STORE });

/** A wizard issue list as the API answers it: each issue with the step it belongs to. */
const withSteps = (issues: ReadonlyArray<{ path: string; message: string }>) =>
  issues.map((issue) => ({ ...issue, step: stepOfIssue(issue.path) }));

/** 400 naming each wizard issue and its step. */
function wizardInvalid(message: string, issues: ReadonlyArray<{ path: string; message: string }>) {
  return new InvalidRequestError(message, withSteps(issues));
}

/** Answers issues are relative to the answers (`name`); the wizard's paths are `answers.name`. */
const answerIssues = (error: AnswersValidationError) =>
  error.issues.map((issue) => ({
    path: issue.path.startsWith('answers') ? issue.path : `answers.${issue.path}`,
    message: issue.message,
  }));

function outage(error: string, message: string): Response {
  return Response.json({ error, message }, { status: 503, headers: { ...NO_STORE, 'Retry-After': '10' } });
}

const ZPreviewSchema = z.object({
  template: z.object({ key: z.string().min(1).max(64), version: z.string().min(1).max(64) }),
  answers: z.record(z.string(), z.unknown()).default({}),
  tokens: z.unknown().optional(),
});
const ZTokensSchema = ZWizardSchema.shape.tokens;

const ZCreateProjectSchema = z.object({
  wizard: z.unknown(),
  credentials: ZWizardCredentialsSchema.default({}),
});
const ZRetrySchema = z.object({ credentials: ZWizardCredentialsSchema.default({}) });

/** The body as JSON (`empty` when there is none); 400 when it is not JSON. */
async function readJsonValue(request: Request, empty?: unknown): Promise<unknown> {
  const text = await request.text();
  if (!text.trim() && empty !== undefined) return empty;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError('The request body must be JSON');
  }
}

function fileSize(file: TRenderedFile): number {
  return Buffer.byteLength(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
}

/** `project_files` keeps no permissions: a script with a shebang is what Git would have kept executable. */
const fileMode = (content: string) => (content.startsWith('#!') ? 0o755 : 0o644);

/**
 * IGNITION's API handlers over a runtime and its services, so the integration tests serve the same
 * handlers over real HTTP with their own runtime. The route files under `app/api` export these.
 */
export function createIgnitionHandlers(
  getRuntime: () => TPlatformRuntime,
  options: TIgnitionServiceOptions = {},
) {
  const services = createIgnitionServices(getRuntime, options);
  const tasks = () => new IgnitionTaskRepository(getRuntime().db);

  /** Renders a wizard for the preview, falling back to the template's defaults for answers that do not fit. */
  const renderForPreview = async (
    workspaceId: string,
    wizard: Pick<TWizard, 'template' | 'answers' | 'tokens'>,
  ) => {
    const deps = { db: getRuntime().db, templates: services().templates };
    try {
      return await renderWizard(deps, workspaceId, wizard);
    } catch (error) {
      if (!(error instanceof AnswersValidationError)) throw error;
      const invalid = new Set(answerIssues(error).map((issue) => issue.path.split('.')[1]));
      const answers = Object.fromEntries(Object.entries(wizard.answers).filter(([key]) => !invalid.has(key)));
      try {
        return await renderWizard(deps, workspaceId, { ...wizard, answers: answers as TWizard['answers'] });
      } catch (retried) {
        if (retried instanceof AnswersValidationError) return null;
        throw retried;
      }
    }
  };

  const readTaskOr404 = async (workspaceId: string, id: string) => {
    const task = await tasks().get(workspaceId, id);
    if (!task) throw new DbNotFoundError('No task with this id in your workspace');
    return task;
  };

  return {
    // GET /api/templates — the gallery (built-ins stored into the workspace on first use).
    listTemplates: apiRoute(
      getRuntime,
      { endpoint: 'templates.list', permission: 'projects.read' },
      async (_request, { principal }) => {
        await services().ensureBuiltIns(principal.workspaceId);
        return ok({ templates: await services().templates.list(principal.workspaceId) });
      },
    ),

    // GET /api/templates/:key?version= — one version with its manifest, parameters, defaults and file list.
    readTemplate: apiRoute<TKeyRoute>(
      getRuntime,
      { endpoint: 'templates.read', permission: 'projects.read' },
      async (request, { principal, route }) => {
        const { key } = await route.params;
        const { version } = readQuery(request, z.object({ version: z.string().min(1).max(64).optional() }));
        await services().ensureBuiltIns(principal.workspaceId);
        const stored = await services().templates.get(principal.workspaceId, key, version);
        if (!stored)
          throw new DbNotFoundError(
            version ? `No version ${version} of the template ${key}` : `No template ${key} in this workspace`,
          );
        const { manifest, files } = stored.template;
        return ok({
          template: {
            ...stored.summary,
            version: stored.version,
            manifest,
            parametersSchema: manifest.parameters,
            defaults: defaultAnswers(manifest.parameters),
            files: files.map((file) => ({ path: file.path })),
          },
        });
      },
    ),

    // POST /api/templates {manifest, files} — an admin adds or updates a template: 201 created, 200 unchanged, 409, 422.
    saveTemplate: apiRoute(
      getRuntime,
      { endpoint: 'templates.save', permission: 'system.config' },
      async (request, { principal, auditTarget }) => {
        const body = await readJsonBody(request, z.object({ manifest: z.unknown(), files: z.unknown() }));
        try {
          const saved = await services().templates.save(principal.workspaceId, body, {
            actorUserId: principal.userId,
          });
          auditTarget('template', saved.summary.id, {
            key: saved.summary.key,
            version: saved.summary.latestVersion,
          });
          return ok(
            { outcome: saved.outcome, template: saved.summary },
            saved.outcome === 'created' ? 201 : 200,
          );
        } catch (error) {
          if (error instanceof TemplateInvalidError)
            throw new UnprocessableError('template_invalid', error.message, error.issues);
          throw error;
        }
      },
    ),

    // GET /api/token-versions — the workspace's published SLATE versions, newest first.
    tokenVersions: apiRoute(
      getRuntime,
      { endpoint: 'token-versions.list', permission: 'projects.read' },
      async (_request, { principal }) => {
        const repository = createRepositories(getRuntime().db).tokenSets;
        const set = await repository.findByWorkspace(principal.workspaceId);
        const versions = set ? await repository.listVersions(set.id) : [];
        return ok({
          versions: versions.map((version) => ({
            tokenSetId: version.tokenSetId,
            setName: set?.name ?? '',
            number: version.number,
            semver: version.semver,
            publishedAt: version.publishedAt,
          })),
        });
      },
    ),

    // GET /api/projects/name-check?name= — npm name rules and a free slug in the workspace.
    nameCheck: apiRoute(
      getRuntime,
      { endpoint: 'projects.name-check', permission: 'projects.create' },
      async (request, { principal }) => {
        const { name } = readQuery(
          request,
          z.object({ name: z.string({ error: 'name is required' }).max(300) }),
        );
        const problems = npmPackageNameProblems(name);
        if (problems.length === 0) {
          const slug = projectSlug(name);
          if (await isProjectSlugTaken(getRuntime().db, principal.workspaceId, slug))
            problems.push(`a project named ${slug} already exists in this workspace`);
        }
        return ok({ name, available: problems.length === 0, problems });
      },
    ),

    // GET /api/dependencies/check?name=&version= — exists on npm, resolved version, licence; 503 when npm is away.
    dependencyCheck: apiRoute(
      getRuntime,
      { endpoint: 'dependencies.check', permission: 'projects.create' },
      async (request) => {
        const query = readQuery(
          request,
          z.object({
            name: ZDependencySchema.shape.name,
            version: ZDependencySchema.shape.version.default('latest'),
          }),
        );
        try {
          return ok(await services().npm.check(query.name, query.version));
        } catch (error) {
          if (error instanceof NpmRegistryUnavailableError)
            return outage('npm_registry_unavailable', error.message);
          throw error;
        }
      },
    ),

    // POST /api/projects/preview?path= — the wizard rendered in memory (defaults filled), nothing written.
    preview: apiRoute(
      getRuntime,
      { endpoint: 'projects.preview', permission: 'projects.create' },
      async (request, { principal }) => {
        const { path } = readQuery(request, z.object({ path: z.string().max(512).optional() }));
        const raw = await readJsonValue(request);
        const parsed = ZPreviewSchema.safeParse(raw);
        if (!parsed.success)
          throw wizardInvalid(
            'The preview needs a template',
            parsed.error.issues.map((issue) => ({
              path: issue.path.join('.') || '(body)',
              message: issue.message,
            })),
          );
        const body = parsed.data;
        const tokens = ZTokensSchema.safeParse(body.tokens ?? {});
        const wizard = {
          template: body.template,
          answers: body.answers as TWizard['answers'],
          tokens: tokens.success
            ? tokens.data
            : { tokenSetId: null, version: null, theme: 'system' as const },
        };
        let rendered;
        try {
          rendered = await renderForPreview(principal.workspaceId, wizard);
        } catch (error) {
          if (error instanceof WizardReferenceError)
            throw wizardInvalid(error.message, [{ path: error.path, message: error.message }]);
          throw error;
        }
        const files = rendered?.files ?? [];
        const selected = path ? files.find((file) => file.path === path) : undefined;
        return ok({
          files: files.map((file) => ({ path: file.path, size: fileSize(file), encoding: file.encoding })),
          file: selected
            ? { path: selected.path, content: selected.content, encoding: selected.encoding }
            : null,
          issues: wizardIssues(raw),
        });
      },
    ),

    // POST /api/git/check {git, credentials} — whether the Git target will work; nothing is created.
    gitCheck: apiRoute(
      getRuntime,
      { endpoint: 'git.check', permission: 'projects.create' },
      async (request) => {
        const body = await readJsonBody(
          request,
          z.object({ git: ZWizardGitSchema, credentials: ZWizardCredentialsSchema.default({}) }),
        );
        try {
          return ok({ ok: true, detail: await checkGitTarget(body.git, body.credentials) });
        } catch (error) {
          if (!(error instanceof GitTargetRefusedError)) throw error;
          return Response.json(
            { ok: false, error: error.code, message: error.message },
            { status: error.status, headers: NO_STORE },
          );
        }
      },
    ),

    // POST /api/projects {wizard, credentials} — validates, queues the create task, runs it here: 202 {taskId}.
    createProject: apiRoute(
      getRuntime,
      { endpoint: 'projects.create', permission: 'projects.create' },
      async (request, context) => {
        const { principal } = context;
        const body = await readJsonBody(request, ZCreateProjectSchema);
        const parsed = ZWizardSchema.safeParse(body.wizard);
        if (!parsed.success) throw wizardInvalid('The wizard has problems', wizardIssues(body.wizard));
        const wizard = parsed.data;
        if (wizard.git.kind !== 'none' && !body.credentials.gitToken)
          throw wizardInvalid('A Git token is needed', [
            { path: 'git', message: 'a token is needed to push (and to create a GitHub repository)' },
          ]);
        await services().ensureBuiltIns(principal.workspaceId);
        try {
          // The answers must fit the template before the task exists; the runner renders again.
          await renderWizard(
            { db: getRuntime().db, templates: services().templates },
            principal.workspaceId,
            wizard,
          );
        } catch (error) {
          if (error instanceof AnswersValidationError)
            throw wizardInvalid('The answers do not fit the template', answerIssues(error));
          if (error instanceof WizardReferenceError)
            throw wizardInvalid(error.message, [{ path: error.path, message: error.message }]);
          throw error;
        }
        const slug = projectSlug(wizard.answers.name);
        if (await isProjectSlugTaken(getRuntime().db, principal.workspaceId, slug))
          throw new DbConflictError(`A project named ${slug} already exists in this workspace`, [
            'answers.name',
          ]);
        const task = await tasks().create({
          workspaceId: principal.workspaceId,
          createdById: principal.userId,
          wizard,
        });
        context.auditTarget('ignition_task', task.id, { name: wizard.answers.name, git: wizard.git.kind });
        services().startTask(task.id, principal, body.credentials, context);
        return ok({ taskId: task.id }, 202);
      },
    ),

    // GET /api/projects/:id/archive — the project's files (by id or slug) as <slug>.zip; 413 beyond 50 MB.
    projectArchive: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'projects.archive', permission: 'projects.read' },
      async (_request, { principal, route }) => {
        const { id } = await route.params;
        const { db } = getRuntime();
        const detail = await createRepositories(db).projectWork.projectDetail(principal.workspaceId, id);
        if (!detail) throw new DbNotFoundError('No project with this id or slug in your workspace');
        const { project } = detail;
        const size = await db.projectFile.aggregate({
          where: { projectId: project.id },
          _sum: { sizeBytes: true },
        });
        const bytes = size._sum.sizeBytes ?? 0;
        if (bytes > MAX_ZIP_INPUT_BYTES)
          return Response.json(
            {
              error: 'archive_too_large',
              message: `The project has ${bytes} bytes of files; a download holds at most ${MAX_ZIP_INPUT_BYTES}`,
            },
            { status: 413, headers: NO_STORE },
          );
        const files = await db.projectFile.findMany({
          where: { projectId: project.id },
          select: { path: true, content: true, updatedAt: true },
          orderBy: { path: 'asc' },
        });
        const zip = createZipArchive(
          files.map((file) => ({
            path: file.path,
            content: Buffer.from(file.content, 'utf8'),
            mode: fileMode(file.content),
            modifiedAt: file.updatedAt,
          })),
        );
        return new Response(new Uint8Array(zip), {
          headers: {
            ...NO_STORE,
            'Content-Type': 'application/zip',
            'Content-Length': String(zip.length),
            'Content-Disposition': `attachment; filename="${project.slug}.zip"`,
          },
        });
      },
    ),

    // GET /api/tasks/:id — the task's steps and progress (an orphaned run is failed first).
    readTask: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'tasks.read', permission: 'projects.read' },
      async (_request, { principal, route }) => {
        const { id } = await route.params;
        const task = await readTaskOr404(principal.workspaceId, id);
        if (task.status === 'running' || task.status === 'queued') {
          if ((await tasks().failOrphaned(ORPHANED_AFTER_MS, task.id)) > 0)
            return ok({ task: await readTaskOr404(principal.workspaceId, id) });
        }
        return ok({ task });
      },
    ),

    // GET /api/tasks/:id/log?after= — log lines after a line id.
    readLog: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'tasks.log', permission: 'projects.read' },
      async (request, { principal, route }) => {
        const { id } = await route.params;
        const { after } = readQuery(
          request,
          z.object({
            after: z
              .string()
              .regex(/^\d{1,18}$/, 'a log line id')
              .optional(),
          }),
        );
        await readTaskOr404(principal.workspaceId, id);
        return ok({ lines: await tasks().logAfter(id, after ?? null) });
      },
    ),

    // GET /api/tasks/:id/events — SSE: `event: step` (the task), `event: log` (a line), until it finishes.
    taskEvents: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'tasks.events', permission: 'projects.read' },
      async (request, { principal, route }) => {
        const { id } = await route.params;
        await readTaskOr404(principal.workspaceId, id);
        return taskEventStream({ tasks: tasks(), workspaceId: principal.workspaceId, taskId: id, request });
      },
    ),

    // POST /api/tasks/:id/cancel — 200 {task}; 409 when it already finished.
    cancelTask: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'tasks.cancel', permission: 'projects.create' },
      async (_request, { principal, route, auditTarget }) => {
        const { id } = await route.params;
        auditTarget('ignition_task', id);
        const current = await readTaskOr404(principal.workspaceId, id);
        const task = await tasks().cancel(principal.workspaceId, id);
        if (!task)
          throw new DbConflictError(
            `The task already ${current.status === 'succeeded' ? 'succeeded' : 'finished'}`,
            ['status'],
          );
        services().abortTask(id);
        return ok({ task });
      },
    ),

    // POST /api/tasks/:id/retry {credentials} — 202 {task}: resumes at the failed step; 409 unless failed/cancelled.
    retryTask: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'tasks.retry', permission: 'projects.create' },
      async (request, context) => {
        const { id } = await context.route.params;
        context.auditTarget('ignition_task', id);
        const retry = ZRetrySchema.safeParse((await readJsonValue(request, {})) ?? {});
        if (!retry.success) throw invalidBody(retry.error);
        const { credentials } = retry.data;
        const current = await readTaskOr404(context.principal.workspaceId, id);
        const task = await tasks().requeue(context.principal.workspaceId, id);
        if (!task)
          throw new DbConflictError(
            `Only a failed or cancelled task can be retried (this one is ${current.status})`,
            ['status'],
          );
        services().startTask(id, context.principal, credentials, context);
        return ok({ task }, 202);
      },
    ),
  };
}

export type TIgnitionHandlers = ReturnType<typeof createIgnitionHandlers>;
