import { createHash } from 'node:crypto';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import {
  createTestRedisClient,
  deleteKeysWithPrefix,
  startRedisServer,
  uniqueTestPrefix,
  waitForReady,
  type TRedisServerProcess,
} from '@lumenforge/redis/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachedSessionStore } from './cached-session-store';
import { describeSessionStoreContract } from './session-store.contract';
import type { TCreateSessionInput, TSessionTimeouts } from './session-store.types';

// Real PostgreSQL (a throwaway database with the platform's migrations) and the shared Redis at
// 127.0.0.1:6379 under this run's key prefix; the outage tests use a private redis-server.
const runPrefix = uniqueTestPrefix('sessions'); // ends with ':'
const sharedRedis = createTestRedisClient('auth:cached-sessions');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const LONG: TSessionTimeouts = {
  idleTimeoutSeconds: 600,
  absoluteTimeoutSeconds: 3_600,
  touchIntervalSeconds: 60,
};

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await waitForReady(sharedRedis);
});
afterAll(async () => {
  await deleteKeysWithPrefix(sharedRedis, runPrefix);
  sharedRedis.disconnect();
  await database?.drop();
});

describeSessionStoreContract('postgres+redis (PostgreSQL, cached in Redis)', {
  // One prefix and one database for every store of the suite: they share sessions like app instances.
  create: async (timeouts) =>
    createCachedSessionStore(database.db, sharedRedis, timeouts, { keyPrefix: `${runPrefix}contract:` }),
  createUserId: async () => (await makeUser(database.db)).id,
  createWorkspaceId: async () => (await makeWorkspace(database.db)).id,
});

const input = (userId: string): TCreateSessionInput => ({
  userId,
  workspaceId: null,
  authTime: new Date(),
  mfa: true,
  ip: '203.0.113.9',
  userAgent: 'vitest',
});

describe('createCachedSessionStore: the cache in front of PostgreSQL', () => {
  const prefix = `${runPrefix}layout:`;

  it('caches under sessions:token:{sha256} with the session’s TTL, indexed in sessions:{userId}; answers from the cache', async () => {
    const store = createCachedSessionStore(database.db, sharedRedis, LONG, { keyPrefix: prefix });
    const user = await makeUser(database.db);
    const { session, token } = await store.create(input(user.id));
    const tokenKey = `${prefix}sessions:token:${sha256(token)}`;
    const json = await sharedRedis.get(tokenKey);
    expect(json).not.toContain(token);
    expect(JSON.parse(json ?? '{}')).toMatchObject({ id: session.id, userId: user.id });
    expect(await sharedRedis.pttl(tokenKey)).toBeGreaterThan(595_000);
    expect(await sharedRedis.hgetall(`${prefix}sessions:${user.id}`)).toEqual({
      [session.id]: sha256(token),
    });

    // The cache answers: the row can change under it without being read (within the touch interval).
    await database.db.session.update({ where: { id: session.id }, data: { ip: '198.51.100.1' } });
    expect((await store.findActive(token))?.ip).toBe('203.0.113.9');
    // Past the touch interval PostgreSQL answers (and records activity), and the cache is refreshed.
    const later = new Date(session.createdAt.getTime() + 61_000);
    expect((await store.findActive(token, later))?.ip).toBe('198.51.100.1');
    expect(JSON.parse((await sharedRedis.get(tokenKey)) ?? '{}')).toMatchObject({
      ip: '198.51.100.1',
      lastSeenAt: later.getTime(),
    });
  });

  it('never answers a revoked session from the cache, on any instance, and a late cache write cannot bring it back', async () => {
    const appA = createCachedSessionStore(database.db, sharedRedis, LONG, { keyPrefix: prefix });
    const appB = createCachedSessionStore(database.db, sharedRedis, LONG, { keyPrefix: prefix });
    const user = await makeUser(database.db);
    const one = await appA.create(input(user.id));
    const two = await appA.create(input(user.id));
    const three = await appA.create(input(user.id));
    for (const { token } of [one, two, three]) expect(await appB.findActive(token)).not.toBeNull();

    expect(await appB.revokeById(user.id, one.session.id)).toBe(true);
    expect(await appA.findActive(one.token)).toBeNull();
    expect(await sharedRedis.exists(`${prefix}sessions:token:${sha256(one.token)}`)).toBe(0);
    expect(await sharedRedis.hget(`${prefix}sessions:${user.id}`, one.session.id)).toMatch(/^revoked:\d+$/);

    expect(await appB.revokeAllForUser(user.id, { exceptSessionId: three.session.id })).toBe(1);
    expect(await appA.findActive(two.token)).toBeNull();
    expect((await appA.findActive(three.token))?.id).toBe(three.session.id);
    expect(await appA.revoke(three.token)).not.toBeNull();
    expect(await appB.findActive(three.token)).toBeNull();

    // Lookups that read PostgreSQL just before a revocation write their record after it: the
    // tombstone refuses those writes (touch interval 0: every lookup reads PostgreSQL and caches).
    const racing = createCachedSessionStore(
      database.db,
      sharedRedis,
      { ...LONG, touchIntervalSeconds: 0 },
      {
        keyPrefix: prefix,
      },
    );
    for (let round = 0; round < 5; round += 1) {
      const { session, token } = await appA.create(input(user.id));
      const base = session.createdAt.getTime();
      await Promise.all([
        ...Array.from({ length: 8 }, (_, index) =>
          racing.findActive(token, new Date(base + 1_000 * (index + 1))),
        ),
        appB.revokeById(user.id, session.id),
        ...Array.from({ length: 8 }, (_, index) => racing.findActive(token, new Date(base + 20_000 + index))),
      ]);
      expect(await sharedRedis.exists(`${prefix}sessions:token:${sha256(token)}`)).toBe(0);
      expect(await racing.findActive(token, new Date(base + 30_000))).toBeNull();
    }
  });
});

describe('createCachedSessionStore while Redis is away (private redis-server)', () => {
  let server: TRedisServerProcess;
  let redis: TRedisClient;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    redis = createRedisClient(
      { REDIS_URL: server.url },
      {
        connectionName: 'auth:sessions:fault',
        maxReconnectDelayMs: 200,
        logger: { warn: () => undefined, info: () => undefined },
      },
    );
    await waitForReady(redis);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });
  const newStore = () =>
    createCachedSessionStore(database.db, redis, LONG, {
      retryIntervalMs: 200,
      logger: { warn: (line) => lines.push(`warn ${line}`), info: (line) => lines.push(`info ${line}`) },
    });

  it('answers from PostgreSQL at once while Redis is down (sign-in, lookups, sign-out), and uses the cache again once it is back', async () => {
    const store = newStore();
    const user = await makeUser(database.db);
    const before = await store.create(input(user.id));

    await server.stop();
    await sleep(100);
    const startedAt = performance.now();
    expect((await store.findActive(before.token))?.id).toBe(before.session.id);
    const during = await store.create(input(user.id));
    expect((await store.findActive(during.token))?.id).toBe(during.session.id);
    expect(await store.revoke(before.token)).not.toBeNull();
    expect(await store.findActive(before.token)).toBeNull();
    expect((await store.listActiveForUser(user.id)).map((s) => s.id)).toEqual([during.session.id]);
    expect(performance.now() - startedAt).toBeLessThan(1_000); // nothing waits on the dead Redis
    expect(lines.filter((line) => line.startsWith('warn'))).toHaveLength(1);

    await server.start(); // starts empty
    await waitForReady(redis);
    await expect
      .poll(
        async () => {
          await store.findActive(during.token);
          return redis.exists(`sessions:token:${sha256(during.token)}`);
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBe(1);
    expect(lines.some((line) => line.startsWith('info session cache available again'))).toBe(true);
  });

  it('after a hung Redis comes back with stale records, drops what was revoked meanwhile before using the cache again', async () => {
    const appA = newStore();
    const appB = newStore();
    const user = await makeUser(database.db);
    const kept = await appA.create(input(user.id));
    const revoked = await appA.create(input(user.id));
    expect(await appB.findActive(revoked.token)).not.toBeNull(); // cached
    const revokedKey = `sessions:token:${sha256(revoked.token)}`;
    expect(await redis.exists(revokedKey)).toBe(1);

    server.freeze(); // Redis keeps every record but answers nothing: calls time out
    const startedAt = performance.now();
    expect(await appA.revokeById(user.id, revoked.session.id)).toBe(true); // PostgreSQL only
    expect(await appB.findActive(revoked.token)).toBeNull();
    expect((await appB.findActive(kept.token))?.id).toBe(kept.session.id);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    server.thaw();

    // Redis still holds the revoked session's record (the invalidation never reached it) …
    await waitForReady(redis);
    // … and no lookup on either instance answers it from there, during or after the catch-up.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(await appA.findActive(revoked.token)).toBeNull();
      expect(await appB.findActive(revoked.token)).toBeNull();
      expect((await appB.findActive(kept.token))?.id).toBe(kept.session.id);
      await sleep(50);
    }
    expect(await redis.exists(revokedKey)).toBe(0);
    expect(await redis.hget(`sessions:${user.id}`, revoked.session.id)).toMatch(/^revoked:/);
  });
});
