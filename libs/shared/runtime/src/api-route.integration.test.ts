import { randomUUID } from 'node:crypto';
import { createRepositories } from '@lumenforge/db/server';
import {
  createTestDatabase,
  startPostgresServer,
  type TPostgresServer,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoute, readJsonBody } from './api-route';
import { createRuntime, type TPlatformRuntime } from './runtime';

const ZCreateWorkspace = z.object({ name: z.string().min(1), slug: z.string().min(1) });

describe('apiRoute against a real HTTP server and a PostgreSQL that goes away', () => {
  let postgres: TPostgresServer;
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let server: TFetchServer;

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
      },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const route = apiRoute<undefined>(
      () => runtime,
      { endpoint: 'workspaces.create' },
      async (request) => {
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

  const create = (slug: string, ip: string, body?: string) =>
    fetch(`${server.url}/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: body ?? JSON.stringify({ name: `Workspace ${slug}`, slug }),
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
      expect((await fetch(`${server.url}/workspaces`, { headers: { 'x-forwarded-for': ip } })).status).toBe(
        200,
      );
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
