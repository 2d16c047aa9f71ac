import 'server-only';
import { DbNotFoundError } from '@lumenforge/db';
import { CheckUnavailableError } from '@lumenforge/spark-checks';
import { containerAvailability, SandboxError } from '@lumenforge/ignis-sandbox';
import { createRepositories } from '@lumenforge/db/server';
import {
  apiRoute,
  InvalidRequestError,
  invalidBody,
  readJsonBody,
  readPathParam,
  type TPlatformRuntime,
} from '@lumenforge/runtime/server';
import { z } from 'zod';
import {
  publishComponent,
  restoreComponentVersion,
  saveComponentVersion,
  ZNewVersionSchema,
  ZPublishSchema,
  ZRestoreVersionSchema,
} from './component-versions';
import { saveNewComponent, ZNewComponentSchema } from './components';
import {
  editGeneration,
  generationStream,
  planGeneration,
  readGeneration,
  runGeneratedTests,
  type TGenerationDeps,
  ZEditRequestSchema,
  ZGenerateRequestSchema,
  ZPlanRequestSchema,
  ZTestRunRequestSchema,
} from './generation';
import { GenerationLimitError } from './generation-limits';
import { forwardToIgnis, ZOpenPreviewSchema, ZUpdatePreviewSchema } from './previews';

type TIdRoute = { params: Promise<{ id: string }> };
type TVersionRoute = { params: Promise<{ id: string; n: string }> };

const NO_STORE = { 'Cache-Control': 'no-store' };
const ZVersionNumberSchema = z.coerce.number().int('a whole number').positive('from 1').max(1_000_000);

/** A body that may be left out entirely (`{}`), else JSON parsed with `schema` (400 naming each field). */
async function readOptionalJsonBody<TSchema extends z.ZodType>(
  request: Request,
  schema: TSchema,
): Promise<z.output<TSchema>> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new InvalidRequestError('The request body must be JSON');
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/**
 * 503 when the generated tests cannot run here: IGNIS_ISOLATION=container demands a container and
 * podman or its base image is missing, or the sandbox could not start. An outage of this machine's
 * setup, not the person's code, so it says what is missing instead of a bare 500.
 */
function testsCannotRun(reason: string): Response {
  return Response.json(
    {
      error: 'test_runner_unavailable',
      message: `The tests cannot run on this server right now: ${reason}. An administrator has to fix this; the component can still be saved.`,
    },
    { status: 503, headers: { ...NO_STORE, 'Retry-After': '30' } },
  );
}

/**
 * A limit refusal is a prepared 429 answer; checks that cannot run (a check worker crashed or does
 * not start) are a 503 to retry; anything else is for `apiRoute`'s error mapping.
 */
async function answeringLimits(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GenerationLimitError) return error.response;
    if (error instanceof CheckUnavailableError)
      return Response.json(
        { error: 'checks_unavailable', message: error.message },
        { status: 503, headers: { ...NO_STORE, 'Retry-After': '5' } },
      );
    throw error;
  }
}

/**
 * SPARK's API handlers over a runtime and the generation services, so tests serve the same
 * handlers over real HTTP with their own runtime. Every write is `components.generate`; reads are
 * `components.read`. The route files under `app/api` export these.
 */
export function createSparkHandlers(
  getRuntime: () => TPlatformRuntime,
  getGeneration: () => TGenerationDeps,
  options: { ignisUrl?: () => string } = {},
) {
  const ignisUrl = options.ignisUrl ?? (() => getRuntime().systemUrls.ignis);
  const library = () => createRepositories(getRuntime().db).components;
  const versionOf = async (workspaceId: string, id: string, n: string) => {
    const number = readPathParam('n', n, ZVersionNumberSchema);
    const version = await library().findVersion(workspaceId, id, number);
    if (!version) throw new DbNotFoundError(`No version ${number} of this component in your workspace`);
    return version;
  };

  return {
    // POST /api/components — saves version 1, written by hand or chosen from a generation (with its
    // prompt, generator and plan): 201 { component }; 400 per field, 409 name taken, 422 checks.
    createComponent: apiRoute(
      getRuntime,
      { endpoint: 'components.create', permission: 'components.generate' },
      async (request, context) => {
        const body = await readJsonBody(request, ZNewComponentSchema);
        return answeringLimits(async () => {
          const component = await saveNewComponent(getRuntime(), context.principal, body, context);
          return Response.json({ component }, { status: 201, headers: NO_STORE });
        });
      },
    ),

    // GET /api/components/:id/versions — every version, newest first (no files).
    listVersions: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'components.versions.list', permission: 'components.read' },
      async (_request, { principal, route }) => {
        const { id } = await route.params;
        const component = await library().findById(principal.workspaceId, id);
        if (!component) throw new DbNotFoundError('No component with this id in your workspace');
        return Response.json(
          {
            componentId: component.id,
            latestVersion: component.latestVersion,
            publishedVersion: component.publishedVersion,
            versions: component.versions,
          },
          { headers: NO_STORE },
        );
      },
    ),

    // GET /api/components/:id/versions/:n — one version with its files and token version.
    readVersion: apiRoute<TVersionRoute>(
      getRuntime,
      { endpoint: 'components.versions.read', permission: 'components.read' },
      async (_request, { principal, route }) => {
        const { id, n } = await route.params;
        return Response.json(
          { version: await versionOf(principal.workspaceId, id, n) },
          { headers: NO_STORE },
        );
      },
    ),

    // POST /api/components/:id/versions {baseVersion, source, tests, stories, prompt?} — a new version
    // (editor or follow-up): 201 { component, version }; 409 when baseVersion is no longer the latest.
    createVersion: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'components.versions.create', permission: 'components.generate' },
      async (request, context) => {
        const { id } = await context.route.params;
        context.auditTarget('component', id);
        const body = await readJsonBody(request, ZNewVersionSchema);
        return answeringLimits(async () => {
          const saved = await saveComponentVersion(getRuntime(), context.principal, id, body, context);
          return Response.json(saved, { status: 201, headers: NO_STORE });
        });
      },
    ),

    // POST /api/components/:id/versions/:n/restore {baseVersion?} — a new version with n's files.
    restoreVersion: apiRoute<TVersionRoute>(
      getRuntime,
      { endpoint: 'components.versions.restore', permission: 'components.generate' },
      async (request, context) => {
        const { id, n } = await context.route.params;
        context.auditTarget('component', id, { restoredFrom: n });
        const number = readPathParam('n', n, ZVersionNumberSchema);
        const body = await readOptionalJsonBody(request, ZRestoreVersionSchema);
        return answeringLimits(async () => {
          const saved = await restoreComponentVersion(
            getRuntime(),
            context.principal,
            id,
            number,
            body,
            context,
          );
          return Response.json(saved, { status: 201, headers: NO_STORE });
        });
      },
    ),

    // POST /api/components/:id/publish {version?} — publishes a version (default the latest).
    publish: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'components.publish', permission: 'components.generate' },
      async (request, context) => {
        const { id } = await context.route.params;
        context.auditTarget('component', id);
        const body = await readOptionalJsonBody(request, ZPublishSchema);
        return answeringLimits(async () => {
          const component = await publishComponent(getRuntime(), context.principal, id, body, context);
          return Response.json({ component }, { headers: NO_STORE });
        });
      },
    ),

    // POST /api/generations/plan {prompt} — 200 { plan, routing, generator }; 400 for an empty,
    // too long or wordless prompt; 429 beyond the user's rate.
    plan: apiRoute(
      getRuntime,
      { endpoint: 'generations.plan', permission: 'components.generate' },
      async (request, { principal }) => {
        const body = await readJsonBody(request, ZPlanRequestSchema);
        return answeringLimits(async () =>
          Response.json(await planGeneration(getGeneration(), principal, body), { headers: NO_STORE }),
        );
      },
    ),

    // POST /api/generations {prompt, plan} — text/event-stream of progress, then the result (or an
    // error event); 429 JSON before the stream for the rate or two running generations.
    generate: apiRoute(
      getRuntime,
      { endpoint: 'generations.create', permission: 'components.generate' },
      async (request, { principal }) => {
        const body = await readJsonBody(request, ZGenerateRequestSchema);
        return answeringLimits(() => generationStream(getGeneration(), principal, body, request.signal));
      },
    ),

    // GET /api/generations/:id — a generation's result while it is hot (1 h), the user's own only.
    readGeneration: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'generations.read', permission: 'components.generate' },
      async (_request, { principal, route }) => {
        const { id } = await route.params;
        const generation = await readGeneration(getGeneration(), principal, id);
        if (!generation)
          throw new DbNotFoundError(
            'No such generation: results are kept for an hour, for the user who asked',
          );
        return Response.json({ generation }, { headers: NO_STORE });
      },
    ),

    // POST /api/generations/edit {instruction, files, plan} — the follow-up's files, changes, line
    // diff per file and checks.
    edit: apiRoute(
      getRuntime,
      { endpoint: 'generations.edit', permission: 'components.generate' },
      async (request, { principal }) => {
        const body = await readJsonBody(request, ZEditRequestSchema);
        return answeringLimits(async () =>
          Response.json(await editGeneration(getGeneration(), principal, body, request.signal), {
            headers: NO_STORE,
          }),
        );
      },
    ),

    // POST /api/generations/test-run {files} — the generated tests' results: { passed, failed, tests,
    // durationMs }; 503 with what is missing when the sandbox cannot run them.
    testRun: apiRoute(
      getRuntime,
      { endpoint: 'generations.test-run', permission: 'components.generate' },
      async (request, { principal }) => {
        const body = await readJsonBody(request, ZTestRunRequestSchema);
        const containers = containerAvailability();
        if (containers.setting === 'container' && !containers.inForce)
          return testsCannotRun(`IGNIS_ISOLATION=container, but ${containers.reason}`);
        return answeringLimits(async () => {
          try {
            return Response.json(await runGeneratedTests(getGeneration(), principal, body), {
              headers: NO_STORE,
            });
          } catch (error) {
            // The sandbox refused to start (e.g. podman went away since the check above).
            if (error instanceof SandboxError) return testsCannotRun(error.message);
            throw error;
          }
        });
      },
    ),

    // POST /api/previews {files, entry} — a live preview on IGNIS's preview service, opened for the
    // signed-in person (their session goes along): IGNIS's { id, url } (201), or its refusal.
    openPreview: apiRoute(
      getRuntime,
      { endpoint: 'previews.create', permission: 'components.generate' },
      async (request, context) => {
        const body = await readJsonBody(request, ZOpenPreviewSchema);
        return forwardToIgnis({
          ignisUrl: ignisUrl(),
          sparkOrigin: getRuntime().systemUrls.spark,
          request,
          correlationId: context.correlationId,
          method: 'POST',
          path: '/api/previews',
          body,
        });
      },
    ),

    // PUT /api/previews/:id/files {files} — hot-updates an open preview on IGNIS (no reload).
    updatePreview: apiRoute<TIdRoute>(
      getRuntime,
      { endpoint: 'previews.update', permission: 'components.generate' },
      async (request, context) => {
        const { id } = await context.route.params;
        const previewId = readPathParam('id', id, z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a preview id'));
        const body = await readJsonBody(request, ZUpdatePreviewSchema);
        return forwardToIgnis({
          ignisUrl: ignisUrl(),
          sparkOrigin: getRuntime().systemUrls.spark,
          request,
          correlationId: context.correlationId,
          method: 'PUT',
          path: `/api/previews/${encodeURIComponent(previewId)}/files`,
          body,
        });
      },
    ),
  };
}
export type TSparkHandlers = ReturnType<typeof createSparkHandlers>;
