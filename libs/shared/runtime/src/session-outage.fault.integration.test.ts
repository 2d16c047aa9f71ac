import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRepositories } from '@lumenforge/db/server';
import {
  createTestDatabase,
  startPostgresServer,
  type TPostgresServer,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { installPeerAddressHeader } from '@lumenforge/observability/server';
import { createRedisClient } from '@lumenforge/redis/server';
import { startRedisServer, type TRedisServerProcess } from '@lumenforge/redis/testing';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoute } from './api-route';
import { createAuthProxy } from './next/auth-proxy';
import { createRuntime, type TPlatformRuntime } from './runtime';

installPeerAddressHeader();

/**
 * What Next.js does with an app's proxy.ts and route handlers, over real HTTP: the proxy runs first
 * (`createAuthProxy`, as every app's proxy.ts); when it lets the request through, the request goes
 * on with the headers the proxy set, to an `apiRoute` handler (POST /api/notes) or to a "page" that
 * authenticates again as server components do (`GET /`). A thrown error becomes a bare 500, as Next
 * answers one ("Internal Server Error", text/plain).
 */
async function startAppServer(runtime: TPlatformRuntime): Promise<{ url: string; server: Server }> {
  const proxy = createAuthProxy({
    system: 'landing',
    getRuntime: () => runtime,
    getEnv: () => ({
      NODE_ENV: 'production',
      LUMENFORGE_LOCAL_HOST: 'localhost',
      LUMENFORGE_VERSION: 'test',
    }),
  });
  const writeNote = apiRoute<undefined>(
    () => runtime,
    { endpoint: 'notes.create', permission: null },
    async (_request, context) => Response.json({ by: context.principal.userId }, { status: 201 }),
  );
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers))
          if (typeof value === 'string') headers.set(name, value);
        const url = `http://localhost:3000${incoming.url ?? '/'}`;
        const method = incoming.method ?? 'GET';
        const body = method === 'GET' ? undefined : Buffer.concat(chunks);
        const gate = await proxy(new NextRequest(url, { method, headers, body }));
        let response: Response = gate;
        if (gate.headers.get('x-middleware-next') === '1') {
          const forwarded = new Headers();
          for (const [name, value] of gate.headers)
            if (name.startsWith('x-middleware-request-'))
              forwarded.set(name.slice('x-middleware-request-'.length), value);
          const request = new Request(url, { method, headers: forwarded, body });
          if (incoming.url?.startsWith('/api/notes')) response = await writeNote(request, undefined);
          else {
            const principal = await runtime.auth.authenticator.authenticate(forwarded);
            response = new Response(`<h1>Hello ${principal?.name ?? 'nobody'}</h1>`, {
              headers: { 'content-type': 'text/html' },
            });
          }
        }
        outgoing.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? '' });
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      })().catch(() => {
        outgoing.writeHead(500, { 'content-type': 'text/plain' });
        outgoing.end('Internal Server Error');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

type TAnswer = { status: number; type: string; body: string };

describe('signed-in requests in cluster mode while Redis (and then PostgreSQL) goes away', () => {
  let postgres: TPostgresServer;
  let testDb: TTestDatabase;
  let redis: TRedisServerProcess;
  let nats: TNatsServerProcess;
  let runtime: TPlatformRuntime;
  let app: { url: string; server: Server };
  let cookie = '';
  let token = '';
  const quiet = { warn: () => undefined, info: () => undefined };

  beforeAll(async () => {
    [postgres, redis, nats] = await Promise.all([
      startPostgresServer(),
      startRedisServer(),
      startNatsServer(),
    ]);
    testDb = await createTestDatabase({ serverUrl: postgres.url });
    runtime = createRuntime({
      service: 'landing',
      env: {
        DATABASE_URL: testDb.url,
        DATABASE_POOL_MAX: 10,
        REDIS_URL: redis.url,
        NATS_URL: nats.url,
        NATS_STREAM_REPLICAS: 1,
        RATE_LIMIT_WRITES_PER_MINUTE: 100_000,
      },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const repos = createRepositories(testDb.db);
    const { workspace } = await repos.workspaces.ensureBySlug({ slug: 'lumenforge', name: 'LumenForge' });
    const user = await repos.users.create({
      email: `fault-${randomUUID().slice(0, 8)}@example.test`,
      name: 'Ada',
    });
    await repos.memberships.setRole({ userId: user.id, workspaceId: workspace.id, role: 'engineer' });
    ({ token } = await runtime.auth.sessions.create({
      userId: user.id,
      workspaceId: workspace.id,
      authTime: new Date(),
      mfa: true,
      ip: null,
      userAgent: null,
    }));
    cookie = `lf_session=${token}`;
    app = await startAppServer(runtime);
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => app?.server.close(resolve));
    app?.server.closeAllConnections();
    await runtime?.close();
    await testDb?.drop().catch(() => undefined);
    await Promise.all([postgres?.dispose(), redis?.dispose(), nats?.dispose()]);
  });

  const send = async (kind: 'write' | 'page'): Promise<TAnswer> => {
    const response = await fetch(`${app.url}${kind === 'write' ? '/api/notes' : '/'}`, {
      method: kind === 'write' ? 'POST' : 'GET',
      headers: { cookie, origin: 'http://localhost:3000', 'content-type': 'application/json' },
      ...(kind === 'write' ? { body: '{}' } : {}),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  };

  /** `clients` loops of writes and page loads until `stop()`; every answer is kept. */
  function load(clients: number) {
    const answers: TAnswer[] = [];
    let isRunning = true;
    const loops = Array.from({ length: clients }, async (_, index) => {
      while (isRunning) answers.push(await send(index % 2 === 0 ? 'write' : 'page'));
    });
    return {
      answers,
      stop: async () => {
        isRunning = false;
        await Promise.all(loops);
        return answers;
      },
    };
  }

  it('serves every request from PostgreSQL while redis-server is stopped under load, and uses Redis again once it is back', async () => {
    expect((await send('write')).status).toBe(201);
    const running = load(6);
    await sleep(500);
    await redis.stop(); // SIGKILL: an outage, not a shutdown
    await sleep(6_000);
    const duringOutage = running.answers.length;
    await redis.start();
    await sleep(2_000);
    const answers = await running.stop();

    const byStatus = new Map<number, number>();
    for (const answer of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    // Measured on 2 shared cores: about 100 answers over the 8.5 s, half of them during the outage.
    console.info(`session outage: ${answers.length} answers (${duringOutage} before Redis returned)`, [...byStatus]);
    expect(duringOutage).toBeGreaterThan(30);
    // Nothing refused, nothing failed: writes 201, pages 200.
    expect([...byStatus.keys()].sort()).toEqual([200, 201]);

    // The session cache fills again by itself: the session's record is back in Redis.
    const client = createRedisClient(
      { REDIS_URL: redis.url },
      { connectionName: 'fault:probe', logger: quiet },
    );
    try {
      await expect
        .poll(
          async () => {
            await send('page');
            return client.exists(`sessions:token:${createHash('sha256').update(token).digest('hex')}`);
          },
          { timeout: 5_000, interval: 100 },
        )
        .toBe(1);
    } finally {
      client.disconnect();
    }
  }, 60_000);

  it('answers 503 with a message (JSON for APIs, a readable page for pages) when PostgreSQL is down too, never a bare 500, and recovers', async () => {
    await redis.stop();
    await postgres.stop();
    try {
      const write = await send('write');
      expect(write.status).toBe(503);
      expect(write.type).toContain('application/json');
      expect(JSON.parse(write.body)).toMatchObject({
        error: 'database_unavailable',
        message: expect.any(String),
      });
      const page = await send('page');
      expect(page.status).toBe(503);
      expect(page.type).toContain('text/html');
      expect(page.body).toContain('Sign-in cannot be checked right now; try again shortly.');
    } finally {
      await postgres.start();
      await redis.start();
    }
    await expect.poll(async () => (await send('write')).status, { timeout: 20_000, interval: 250 }).toBe(201);
    expect((await send('page')).status).toBe(200);
  }, 60_000);
});
