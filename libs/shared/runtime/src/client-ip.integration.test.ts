import { randomInt } from 'node:crypto';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { installPeerAddressHeader } from '@lumenforge/observability/server';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicApiRoute } from './api-route';
import { createRuntime, type TPlatformRuntime } from './runtime';

// Per-IP limits over real HTTP: the sign-in route's options (LANDING's GET /api/auth/login is
// `publicApiRoute(getRuntime, { endpoint: 'auth.login', rateLimitReads: true }, …)`), served by a
// node:http server whose peer address is stamped as in the apps (startAppRuntime installs the hook).
installPeerAddressHeader();

const LIMIT = 5;
const randomIp = () => `198.51.${randomInt(256)}.${randomInt(1, 255)}`;

describe('clientIp: forwarding headers only from TRUSTED_PROXIES', () => {
  let testDb: TTestDatabase;
  const runtimes: TPlatformRuntime[] = [];
  const servers: TFetchServer[] = [];

  /** A sign-in route on its own server and runtime (its own in-process limiter). */
  async function signInServer(trustedProxies?: string): Promise<string> {
    const runtime = createRuntime({
      service: 'landing',
      env: {
        DATABASE_URL: testDb.url,
        DATABASE_POOL_MAX: 2,
        NATS_STREAM_REPLICAS: 1,
        RATE_LIMIT_WRITES_PER_MINUTE: LIMIT,
        ...(trustedProxies ? { TRUSTED_PROXIES: trustedProxies } : {}),
      },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    runtimes.push(runtime);
    const route = publicApiRoute<undefined>(
      () => runtime,
      { endpoint: 'auth.login', rateLimitReads: true },
      async (_request, context) => Response.json({ ip: context.ip }),
    );
    const server = await startFetchServer((request) => route(request, undefined));
    servers.push(server);
    return `${server.url}/api/auth/login`;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await testDb?.drop();
  });

  it('a client sending a fresh X-Forwarded-For and CF-Connecting-IP each time still hits the sign-in limit', async () => {
    const url = await signInServer();
    const answers = [];
    for (let attempt = 0; attempt < LIMIT + 2; attempt += 1) {
      const response = await fetch(url, {
        headers: {
          'x-forwarded-for': randomIp(),
          'cf-connecting-ip': randomIp(),
          'x-real-ip': randomIp(),
          'x-lumenforge-peer-address': randomIp(),
        },
      });
      answers.push({ status: response.status, body: (await response.json()) as { ip?: string } });
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Every request was counted against the socket's address, whatever the client claimed.
    expect(new Set(answers.slice(0, LIMIT).map((answer) => answer.body.ip))).toEqual(new Set(['127.0.0.1']));
    expect(answers[LIMIT]?.body).toMatchObject({ error: 'rate_limited' });
  });

  it('behind a trusted proxy: each client gets its own bucket, and a client cannot pick a new one', async () => {
    const url = await signInServer('127.0.0.0/8,::1');
    // The proxy appends the address it saw; what the client sent itself stays on the left.
    const viaProxy = (client: string, claimed?: string) =>
      fetch(url, { headers: { 'x-forwarded-for': claimed ? `${claimed}, ${client}` : client } });

    const first = await viaProxy('203.0.113.10');
    expect(await first.json()).toEqual({ ip: '203.0.113.10' });
    const statuses = [first.status];
    for (let attempt = 1; attempt < LIMIT + 1; attempt += 1)
      statuses.push((await viaProxy('203.0.113.10', randomIp())).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await viaProxy('203.0.113.11')).status).toBe(200); // another client, its own bucket
  });
});
