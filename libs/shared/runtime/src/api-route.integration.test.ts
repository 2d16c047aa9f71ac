import { randomUUID } from 'node:crypto';
import { createRepositories } from '@lumenforge/db/server';
import {
  createTestDatabase,
  startPostgresServer,
  type TPostgresServer,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { installPeerAddressHeader } from '@lumenforge/observability/server';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoute, readJsonBody } from './api-route';
import { createRuntime, type TPlatformRuntime } from './runtime';

async function seedMember(testDb: TTestDatabase, role: 'admin' | 'designer') {
  const repos = createRepositories(testDb.db);
  const { workspace } = await repos.workspaces.ensureBySlug({ slug: 'lumenforge', name: 'LumenForge' });
  const user = await repos.users.create({
    email: `${role}-${randomUUID().slice(0, 8)}@example.test`,
    name: role,
  });
  await repos.memberships.setRole({ userId: user.id, workspaceId: workspace.id, role });
  return { user, workspace };
}

async function sessionCookieFor(
  runtime: TPlatformRuntime,
  userId: string,
  workspaceId: string,
): Promise<string> {
  const { token } = await runtime.auth.sessions.create({
    userId,
    workspaceId,
    authTime: new Date(),
    mfa: true,
    ip: null,
    userAgent: null,
  });
  return `lf_session=${token}`;
}

const ZCreateWorkspace = z.object({ name: z.string().min(1), slug: z.string().min(1) });

// As in the apps: the server stamps the socket peer. The tests play a trusted proxy on loopback
// (TRUSTED_PROXIES below) that reports each client in X-Forwarded-For.
installPeerAddressHeader();

describe('apiRoute against a real HTTP server and a PostgreSQL that goes away', () => {
  let postgres: TPostgresServer;
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let server: TFetchServer;
  let adminCookie = '';
  let designerCookie = '';

  beforeAll(async () => {
    postgres = await startPostgresServer();
    testDb = await createTestDatabase({ serverUrl: postgres.url });
    runtime = createRuntime({
      service: 'slate',
      env: {
        DATABASE_URL: testDb.url,
        DATABASE_POOL_MAX: 4,
        NATS_STREAM_REPLICAS: 1,
        RATE_LIMIT_WRITES_PER_MINUTE: 5,
        TRUSTED_PROXIES: '127.0.0.1',
      },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const { user, workspace } = await seedMember(testDb, 'admin');
    adminCookie = await sessionCookieFor(runtime, user.id, workspace.id);
    const designer = await seedMember(testDb, 'designer');
    designerCookie = await sessionCookieFor(runtime, designer.user.id, designer.workspace.id);
    const route = apiRoute<undefined>(
      () => runtime,
      { endpoint: 'workspaces.create', permission: 'system.config' },
      async (request, context) => {
        if (request.method === 'POST') context.auditTarget('workspace', 'new');
        const repos = createRepositories(runtime.db);
        if (request.method === 'GET') return Response.json(await repos.workspaces.listWithCounts());
        const input = await readJsonBody(request, ZCreateWorkspace);
        return Response.json(await repos.workspaces.create(input), { status: 201 });
      },
    );
    server = await startFetchServer((request) => route(request, undefined));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await testDb?.drop().catch(() => undefined);
    await postgres?.dispose();
  });

  const create = (slug: string, ip: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/workspaces`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        origin: 'http://localhost:3001',
        cookie: adminCookie,
        ...headers,
      },
      body: body ?? JSON.stringify({ name: `Workspace ${slug}`, slug }),
    });

  it('refuses writes without a session (401), from another or no origin (403), and without the permission (403), changing nothing and auditing the attempt', async () => {
    const before = await testDb.db.workspace.count();
    const slug = `denied-${randomUUID().slice(0, 8)}`;
    const anonymous = await create(slug, '198.51.100.1', undefined, { cookie: '' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' });
    const foreign = await create(slug, '198.51.100.2', undefined, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: 'forbidden_origin' });
    const designer = await create(slug, '198.51.100.3', undefined, { cookie: designerCookie });
    expect(designer.status).toBe(403);
    expect(await designer.json()).toMatchObject({ error: 'forbidden', permission: 'system.config' });
    const forged = await create(slug, '198.51.100.4', undefined, {
      cookie: 'lf_session=forged-token-that-was-never-issued',
      'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
    });
    expect(forged.status).toBe(401);
    expect(await testDb.db.workspace.count()).toBe(before);
    const denied = await testDb.db.auditLog.findMany({
      where: { action: 'api.workspaces.create', result: 'denied' },
    });
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect(denied.map((entry) => entry.ip)).toEqual(
      expect.arrayContaining(['198.51.100.1', '198.51.100.2', '198.51.100.3']),
    );
  });

  it('audits an allowed write with actor, target, IP, user agent and correlation id', async () => {
    const response = await create(`audited-${randomUUID().slice(0, 8)}`, '198.51.100.9', undefined, {
      'user-agent': 'contract-test/1.0',
      'x-correlation-id': 'corr-audit-test-0001',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBe('corr-audit-test-0001');
    const entry = await testDb.db.auditLog.findFirst({ where: { correlationId: 'corr-audit-test-0001' } });
    expect(entry).toMatchObject({
      action: 'api.workspaces.create',
      result: 'success',
      ip: '198.51.100.9',
      userAgent: 'contract-test/1.0',
      targetType: 'workspace',
      targetId: 'new',
    });
    expect(entry?.actorUserId).toBeTruthy();
  });

  it('answers 400 for bad input and 409 for a taken slug, with messages, and keeps what was stored', async () => {
    const ip = `10.0.0.${Math.floor(Math.random() * 200)}`;
    const first = await create(`ws-${randomUUID().slice(0, 8)}`, ip);
    expect(first.status).toBe(201);
    const { slug } = (await first.json()) as { slug: string };

    const notJson = await create('x', ip, '{not json');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      error: 'invalid_request',
      message: 'The request body must be JSON',
    });
    const missing = await create('x', ip, JSON.stringify({ slug: 'only-slug' }));
    expect(await missing.json()).toMatchObject({ issues: [{ path: 'name' }] });

    const taken = await create(slug, ip);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({
      error: 'conflict',
      message: `A workspace with slug "${slug}" already exists`,
    });
    expect((await testDb.db.workspace.findMany({ where: { slug } })).length).toBe(1);
  });

  it('limits writes per client IP and endpoint: 429 with Retry-After; reads are not limited', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push((await create(`rl-${randomUUID().slice(0, 8)}`, ip)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const blocked = await create(`rl-${randomUUID().slice(0, 8)}`, ip);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: 'rate_limited' });
    expect((await create(`rl-${randomUUID().slice(0, 8)}`, '203.0.113.51')).status).toBe(201); // another client
    for (let index = 0; index < 7; index += 1)
      expect(
        (await fetch(`${server.url}/workspaces`, { headers: { 'x-forwarded-for': ip, cookie: adminCookie } }))
          .status,
      ).toBe(200);
  });

  it('answers writes with 503 and a clear message while PostgreSQL is down, and recovers by itself', async () => {
    const before = await testDb.db.workspace.count();
    await postgres.stop();
    const started = performance.now();
    const down = await create(`down-${randomUUID().slice(0, 8)}`, '192.0.2.10');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await down.json()).toMatchObject({
      error: 'database_unavailable',
      message: expect.stringMatching(/^The database is unavailable: .+ Try again shortly\.$/),
    });
    expect(performance.now() - started).toBeLessThan(10_000);

    await postgres.start();
    const slug = `back-${randomUUID().slice(0, 8)}`;
    await expect
      .poll(async () => (await create(slug, '192.0.2.11')).status, { timeout: 20_000, interval: 250 })
      .toBe(201);
    expect(await testDb.db.workspace.count()).toBe(before + 1); // nothing lost, nothing half-written
  });
});
