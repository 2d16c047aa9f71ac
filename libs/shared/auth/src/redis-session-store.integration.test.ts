import { createHash, randomUUID } from 'node:crypto';
import {
  createTestRedisClient,
  deleteKeysWithPrefix,
  uniqueTestPrefix,
  waitForReady,
} from '@lumenforge/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSessionStore } from './redis-session-store';
import { describeSessionStoreContract } from './session-store.contract';

// The shared Redis at 127.0.0.1:6379: every key lives under this run's prefix and is removed afterwards.
const runPrefix = uniqueTestPrefix('sessions'); // ends with ':'
const client = createTestRedisClient('auth:sessions');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => waitForReady(client));
afterAll(async () => {
  await deleteKeysWithPrefix(client, runPrefix); // whatever a failed or later test left behind
  client.disconnect();
});

describeSessionStoreContract('redis', {
  // One prefix for every store of the suite: they share sessions like app instances do.
  create: async (timeouts) =>
    createRedisSessionStore(client, timeouts, { keyPrefix: `${runPrefix}contract:` }),
  cleanup: async () => {
    await deleteKeysWithPrefix(client, `${runPrefix}contract:`);
  },
});

describe('createRedisSessionStore key layout', () => {
  const prefix = `${runPrefix}layout:`;
  const input = (userId: string) => ({
    userId,
    workspaceId: null,
    authTime: new Date(),
    mfa: false,
    ip: '203.0.113.9',
    userAgent: 'vitest',
  });

  it('stores the record under sessions:token:{sha256} with the session’s TTL, indexed in sessions:{userId}', async () => {
    const store = createRedisSessionStore(
      client,
      { idleTimeoutSeconds: 60, absoluteTimeoutSeconds: 3_600, touchIntervalSeconds: 10 },
      { keyPrefix: prefix },
    );
    const userId = randomUUID();
    const { session, token } = await store.create(input(userId));
    const tokenKey = `${prefix}sessions:token:${sha256(token)}`;
    const json = await client.get(tokenKey);
    expect(json).not.toBeNull();
    expect(json).not.toContain(token);
    expect(JSON.parse(json ?? '{}')).toMatchObject({ id: session.id, userId, ip: '203.0.113.9' });
    const ttl = await client.pttl(tokenKey);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);

    expect(await client.hgetall(`${prefix}sessions:${userId}`)).toEqual({ [session.id]: sha256(token) });
    const indexTtl = await client.pttl(`${prefix}sessions:${userId}`);
    expect(indexTtl).toBeGreaterThan(3_500_000);
    expect(indexTtl).toBeLessThanOrEqual(3_600_000);

    // No key anywhere holds the token itself.
    const [, keys] = await client.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) {
      expect(key).not.toContain(token);
      if ((await client.type(key)) === 'hash')
        expect(JSON.stringify(await client.hgetall(key))).not.toContain(token);
    }

    expect(await store.revoke(token)).not.toBeNull();
    expect(await client.exists(tokenKey)).toBe(0);
    expect(await client.hlen(`${prefix}sessions:${userId}`)).toBe(0);
  });

  it('extends the TTL on a touch but never past the absolute expiry', async () => {
    const store = createRedisSessionStore(
      client,
      { idleTimeoutSeconds: 60, absoluteTimeoutSeconds: 90, touchIntervalSeconds: 10 },
      { keyPrefix: prefix },
    );
    const { session, token } = await store.create(input(randomUUID()));
    const tokenKey = `${prefix}sessions:token:${sha256(token)}`;
    // Activity stamped 50 s later: idle would allow until +110 s, the absolute expiry is +90 s.
    await store.findActive(token, new Date(session.createdAt.getTime() + 50_000));
    const ttl = await client.pttl(tokenKey);
    expect(ttl).toBeGreaterThan(35_000);
    expect(ttl).toBeLessThanOrEqual(40_000);
  });

  it('removes index entries of expired sessions lazily (list, revokeAll)', async () => {
    const store = createRedisSessionStore(
      client,
      { idleTimeoutSeconds: 1, absoluteTimeoutSeconds: 60, touchIntervalSeconds: 0 },
      { keyPrefix: prefix },
    );
    const userA = randomUUID();
    const userB = randomUUID();
    await store.create(input(userA));
    await store.create(input(userB));
    await sleep(1_100);
    const live = await store.create(input(userA));
    expect(await client.hlen(`${prefix}sessions:${userA}`)).toBe(2);

    expect((await store.listActiveForUser(userA)).map((s) => s.id)).toEqual([live.session.id]);
    expect(await client.hkeys(`${prefix}sessions:${userA}`)).toEqual([live.session.id]);

    expect(await client.hlen(`${prefix}sessions:${userB}`)).toBe(1);
    expect(await store.revokeAllForUser(userB)).toBe(0);
    expect(await client.exists(`${prefix}sessions:${userB}`)).toBe(0);

    expect(await store.revokeAllForUser(userA, { exceptSessionId: live.session.id })).toBe(0);
    expect(await store.findActive(live.token)).not.toBeNull();
  });

  it('treats a record it did not write as no session', async () => {
    const store = createRedisSessionStore(
      client,
      { idleTimeoutSeconds: 60, absoluteTimeoutSeconds: 3_600, touchIntervalSeconds: 10 },
      { keyPrefix: prefix },
    );
    const token = 'a-token-someone-planted-by-hand-0123456789';
    await client.set(`${prefix}sessions:token:${sha256(token)}`, '{"not":"a session"}', 'PX', 60_000);
    expect(await store.findActive(token)).toBeNull();
    await client.set(`${prefix}sessions:token:${sha256(token)}`, 'not json', 'PX', 60_000);
    expect(await store.findActive(token)).toBeNull();
  });
});
