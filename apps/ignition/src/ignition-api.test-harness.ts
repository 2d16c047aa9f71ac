// For IGNITION's API integration suites: a throwaway database, a runtime over it, the app's own
// handlers (createIgnitionHandlers) served over real HTTP, and signed-in members.
import type { TRole } from '@lumenforge/auth';
import { createTestDatabase, makeMembership, type TTestDatabase } from '@lumenforge/db/testing';
import type { TTemplate } from '@lumenforge/ignition-templates';
import { createRuntime, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { createIgnitionHandlers, type TIgnitionHandlers } from './ignition-handlers';

const ORIGIN = 'http://localhost:3002';

type THandler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The app's URL patterns (as its `app/api` folders) → handler. */
function routesOf(handlers: TIgnitionHandlers): [RegExp, string, THandler][] {
  const h = (name: keyof TIgnitionHandlers) => handlers[name] as unknown as THandler;
  return [
    [/^\/api\/templates$/, 'GET', h('listTemplates')],
    [/^\/api\/templates$/, 'POST', h('saveTemplate')],
    [/^\/api\/templates\/(?<key>[^/]+)$/, 'GET', h('readTemplate')],
    [/^\/api\/token-versions$/, 'GET', h('tokenVersions')],
    [/^\/api\/projects$/, 'POST', h('createProject')],
    [/^\/api\/projects\/name-check$/, 'GET', h('nameCheck')],
    [/^\/api\/projects\/preview$/, 'POST', h('preview')],
    [/^\/api\/projects\/(?<id>[^/]+)\/archive$/, 'GET', h('projectArchive')],
    [/^\/api\/dependencies\/check$/, 'GET', h('dependencyCheck')],
    [/^\/api\/git\/check$/, 'POST', h('gitCheck')],
    [/^\/api\/tasks\/(?<id>[^/]+)$/, 'GET', h('readTask')],
    [/^\/api\/tasks\/(?<id>[^/]+)\/log$/, 'GET', h('readLog')],
    [/^\/api\/tasks\/(?<id>[^/]+)\/events$/, 'GET', h('taskEvents')],
    [/^\/api\/tasks\/(?<id>[^/]+)\/cancel$/, 'POST', h('cancelTask')],
    [/^\/api\/tasks\/(?<id>[^/]+)\/retry$/, 'POST', h('retryTask')],
  ];
}

export type TIgnitionApiHarness = {
  testDb: TTestDatabase;
  runtime: TPlatformRuntime;
  server: TFetchServer;
  member: (
    role: TRole,
    workspaceId?: string,
  ) => Promise<{ cookie: string; userId: string; workspaceId: string }>;
  call: (cookie: string, method: string, path: string, body?: unknown) => Promise<Response>;
  close: () => Promise<void>;
};

export async function startIgnitionApi(options: {
  npmRegistryUrl: string;
  builtIns: TTemplate[];
}): Promise<TIgnitionApiHarness> {
  const testDb = await createTestDatabase();
  const runtime = createRuntime({
    service: 'ignition',
    env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 6, RATE_LIMIT_WRITES_PER_MINUTE: 10_000 },
    db: testDb.db,
    logger: { info: () => undefined, error: () => undefined },
  });
  const handlers = createIgnitionHandlers(() => runtime, {
    npmRegistryUrl: options.npmRegistryUrl,
    loadBuiltIns: async () => options.builtIns,
  });
  const routes = routesOf(handlers);
  const server = await startFetchServer(async (request) => {
    const { pathname } = new URL(request.url);
    for (const [pattern, method, handler] of routes) {
      const match = pattern.exec(pathname);
      if (match && request.method === method)
        return handler(request, { params: Promise.resolve({ ...match.groups }) });
    }
    return Response.json({ error: 'not_found', message: `${request.method} ${pathname}` }, { status: 404 });
  });
  return {
    testDb,
    runtime,
    server,
    member: async (role, workspaceId) => {
      const workspace = workspaceId
        ? await testDb.db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })
        : undefined;
      const { user, workspace: joined } = await makeMembership(testDb.db, {
        role,
        ...(workspace ? { workspace: workspace as never } : {}),
      });
      const { token } = await runtime.auth.sessions.create({
        userId: user.id,
        workspaceId: joined.id,
        authTime: new Date(),
        mfa: true,
        ip: null,
        userAgent: null,
      });
      return { cookie: `lf_session=${token}`, userId: user.id, workspaceId: joined.id };
    },
    call: (cookie, method, path, body) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie,
          origin: ORIGIN,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    close: async () => {
      await server.close();
      await runtime.close();
      await testDb.drop();
    },
  };
}
