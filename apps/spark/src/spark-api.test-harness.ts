// For SPARK's API integration suites: a throwaway database, a runtime over it, the app's own
// handlers (createSparkHandlers) served over real HTTP, signed-in members, and readers of the
// outbox and audit rows a request wrote (by its correlation id).
import { randomUUID } from 'node:crypto';
import type { TRole } from '@lumenforge/auth';
import { createTestDatabase, makeMembership, type TTestDatabase } from '@lumenforge/db/testing';
import { createRedisRateLimiter } from '@lumenforge/rate-limit/server';
import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import { createRuntime, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import type { TGenerationDeps, TSparkGenerator } from './generation';
import { createGenerationLimits, generationLimiterPolicies } from './generation-limits';
import { createSparkHandlers, type TSparkHandlers } from './spark-handlers';

const ORIGIN = 'http://localhost:3003';

type THandler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The app's URL patterns (as its `app/api` folders) → handler. */
function routesOf(handlers: TSparkHandlers): [RegExp, string, THandler][] {
  const h = (name: keyof TSparkHandlers) => handlers[name] as unknown as THandler;
  return [
    [/^\/api\/components$/, 'POST', h('createComponent')],
    [/^\/api\/components\/(?<id>[^/]+)\/versions$/, 'GET', h('listVersions')],
    [/^\/api\/components\/(?<id>[^/]+)\/versions$/, 'POST', h('createVersion')],
    [/^\/api\/components\/(?<id>[^/]+)\/versions\/(?<n>[^/]+)$/, 'GET', h('readVersion')],
    [/^\/api\/components\/(?<id>[^/]+)\/versions\/(?<n>[^/]+)\/restore$/, 'POST', h('restoreVersion')],
    [/^\/api\/components\/(?<id>[^/]+)\/publish$/, 'POST', h('publish')],
    [/^\/api\/generations\/plan$/, 'POST', h('plan')],
    [/^\/api\/generations\/edit$/, 'POST', h('edit')],
    [/^\/api\/generations\/test-run$/, 'POST', h('testRun')],
    [/^\/api\/generations$/, 'POST', h('generate')],
    [/^\/api\/generations\/(?<id>[^/]+)$/, 'GET', h('readGeneration')],
    [/^\/api\/previews$/, 'POST', h('openPreview')],
    [/^\/api\/previews\/(?<id>[^/]+)\/files$/, 'PUT', h('updatePreview')],
  ];
}

export type TSparkApiHarness = {
  testDb: TTestDatabase;
  runtime: TPlatformRuntime;
  server: TFetchServer;
  redis: TRedisClient;
  /** A signed-in member's cookie, user and workspace (`workspaceId` joins an existing workspace). */
  member: (
    role: TRole,
    workspaceId?: string,
  ) => Promise<{ cookie: string; userId: string; workspaceId: string }>;
  /** A same-origin request as the browser sends it. */
  call: (cookie: string, method: string, path: string, body?: unknown) => Promise<Response>;
  eventsOf: (correlationId: string) => Promise<{ subject: string; data: Record<string, unknown> }[]>;
  auditOf: (correlationId: string) => Promise<{ action: string; result: string }[]>;
  close: () => Promise<void>;
};

/**
 * Starts the harness. `spark` is the generator the generation routes use; `generationsPerMinute`
 * the per-user rate (the limits live in the real Redis on 6379 under a unique prefix).
 */
export async function startSparkApi(options: {
  spark: TSparkGenerator;
  generationsPerMinute: number;
  /** Where IGNIS's preview API is (default: the runtime's IGNIS URL). */
  ignisUrl?: string;
}): Promise<TSparkApiHarness> {
  const testDb = await createTestDatabase();
  const runtime = createRuntime({
    service: 'spark',
    env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 6, RATE_LIMIT_WRITES_PER_MINUTE: 10_000 },
    db: testDb.db,
    logger: { info: () => undefined, error: () => undefined },
  });
  const redis = createRedisClient(
    { REDIS_URL: 'redis://127.0.0.1:6379' },
    { connectionName: 'spark-api-test', logger: { warn: () => undefined, info: () => undefined } },
  );
  const limiter = createRedisRateLimiter(redis, {
    ...generationLimiterPolicies(options.generationsPerMinute),
    keyPrefix: `test-${randomUUID().slice(0, 8)}:ratelimit`,
  });
  const generation: TGenerationDeps = {
    runtime,
    spark: options.spark,
    limits: createGenerationLimits(limiter),
  };
  const { ignisUrl } = options;
  const handlers = createSparkHandlers(
    () => runtime,
    () => generation,
    ignisUrl ? { ignisUrl: () => ignisUrl } : {},
  );
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
    redis,
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
    eventsOf: async (correlationId) =>
      (await testDb.db.outboxEvent.findMany({ where: { correlationId }, orderBy: { createdAt: 'asc' } })).map(
        (row) => {
          const envelope = row.envelope as { subject: string; data: Record<string, unknown> };
          return { subject: envelope.subject, data: envelope.data };
        },
      ),
    auditOf: async (correlationId) =>
      testDb.db.auditLog.findMany({ where: { correlationId }, select: { action: true, result: true } }),
    close: async () => {
      await server.close();
      await runtime.close();
      redis.disconnect();
      await testDb.drop();
    },
  };
}
