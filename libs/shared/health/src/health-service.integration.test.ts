import { createDbClient, createReadDbClient, hasReadReplica } from '@lumenforge/db/server';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthService, peerHealthCheck, postgresCheck, postgresReplicaCheck } from './server';

let testDb: TTestDatabase;
let peer: Server;
let peerStatus = 200;
let peerBody: unknown = { status: 'ok' };
let peerUrl = '';

beforeAll(async () => {
  testDb = await createTestDatabase({ migrate: false });
  peer = createServer((_, response) => {
    response.writeHead(peerStatus, { 'content-type': 'application/json' });
    response.end(JSON.stringify(peerBody));
  });
  await new Promise<void>((resolveListen) => peer.listen(0, '127.0.0.1', resolveListen));
  const address = peer.address();
  peerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/health`;
});
afterAll(async () => {
  await testDb.drop();
  await new Promise((resolveClose) => peer.close(resolveClose));
});

describe('GET /api/health against real services', () => {
  it('answers 200 ok with the PostgreSQL latency when the database is up', async () => {
    const health = createHealthService({
      service: 'slate',
      version: () => '1.0.0',
      checks: () => [postgresCheck({ db: testDb.db })],
    });
    const response = await health.GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'ok',
      service: 'slate',
      checks: { postgres: { status: 'ok', critical: true } },
    });
  });

  it('answers the liveness probe (?probe=live) 200 without checking dependencies', async () => {
    const health = createHealthService({
      service: 'slate',
      version: () => 'test',
      checks: () => [
        {
          name: 'postgres',
          critical: true,
          run: () => Promise.reject(new Error('must not be called')),
        },
      ],
    });
    const response = await health.GET(new Request('http://127.0.0.1:3001/api/health?probe=live'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'slate' });
  });

  it('answers 503 down, quickly, when PostgreSQL is unreachable', async () => {
    const unreachable = createDbClient('postgresql://postgres@127.0.0.1:1/none', {
      connectionTimeoutMs: 1_000,
    });
    try {
      const health = createHealthService({
        service: 'slate',
        version: () => '1.0.0',
        checks: () => [postgresCheck({ db: unreachable })],
      });
      const started = performance.now();
      const response = await health.GET();
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.status).toBe('down');
      expect(body.checks.postgres.status).toBe('down');
      expect(body.checks.postgres.error).toBeTruthy();
    } finally {
      await unreachable.$disconnect();
    }
  });

  it('is degraded (200) while a peer service is down, and ok again when it is back', async () => {
    const health = createHealthService({
      service: 'spark',
      version: () => '1.0.0',
      checks: () => [postgresCheck({ db: testDb.db }), peerHealthCheck('slate', peerUrl)],
    });
    peerStatus = 503;
    peerBody = { status: 'down' };
    const whileDown = await health.GET();
    expect(whileDown.status).toBe(200);
    expect((await whileDown.json()).status).toBe('degraded');

    peerStatus = 200;
    peerBody = { status: 'ok' };
    expect((await (await health.GET()).json()).status).toBe('ok');
  });

  it('reports a configured read replica, and is degraded (200) while only the replica is down', async () => {
    // The test database plays the replica too: the check only needs something answering SELECT 1.
    const withReplica = createReadDbClient({ replicaUrl: testDb.url, primaryUrl: testDb.url });
    const replicaDown = createReadDbClient({
      replicaUrl: 'postgresql://postgres@127.0.0.1:1/replica',
      primaryUrl: testDb.url,
      onRouteChange: () => undefined,
    });
    try {
      const healthFor = (readDb: typeof withReplica) =>
        createHealthService({
          service: 'landing',
          version: () => '1.0.0',
          checks: () => [
            postgresCheck({ db: testDb.db }),
            ...(hasReadReplica(readDb) ? [postgresReplicaCheck({ db: readDb })] : []),
          ],
        });

      const up = await healthFor(withReplica).GET();
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({
        status: 'ok',
        checks: { postgres: { status: 'ok' }, postgresReplica: { status: 'ok', critical: false } },
      });

      const started = performance.now();
      const down = await healthFor(replicaDown).GET();
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(down.status).toBe(200);
      expect(await down.json()).toMatchObject({
        status: 'degraded',
        checks: {
          postgres: { status: 'ok', critical: true },
          postgresReplica: {
            status: 'down',
            critical: false,
            error: 'The PostgreSQL read replica is unavailable: connection refused',
          },
        },
      });
    } finally {
      await Promise.all([withReplica.$disconnect(), replicaDown.$disconnect()]);
    }
  });

  it('leaves the replica out when none is configured', () => {
    expect(hasReadReplica(testDb.db)).toBe(false);
  });
});
