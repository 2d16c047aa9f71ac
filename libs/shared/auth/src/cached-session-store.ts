// Platform sessions in cluster mode: PostgreSQL is the source of truth (the `sessions` table, as in
// single-node mode) and Redis a read-through cache in front of it, so a Redis outage costs one
// indexed query per request instead of every signed-in request.
//
// Key layout (`keyPrefix` is '' in production; tests use a unique one):
//
//   {keyPrefix}sessions:token:{sha256(token)}  STRING  the cached session record as JSON (never the
//                                              token). TTL = min(lastSeenAt + idle, absoluteExpiresAt)
//                                              - now: it never outlives the session.
//   {keyPrefix}sessions:{userId}               HASH    the spec's per-user key: sessionId → sha256(token)
//                                              of each cached session, or `revoked:{untilMs}` once the
//                                              session was revoked (a tombstone: a read-through that
//                                              raced the revocation cannot cache it again). TTL pushed
//                                              out to the absolute timeout; stale fields are pruned
//                                              when the hash grows.
//
// Both scripts derive keys from the hash, which standalone and Sentinel Redis (what
// @lumenforge/redis connects to) allow; Redis Cluster would need both keys in one hash slot.
import { createHash } from 'node:crypto';
import type { TDb } from '@lumenforge/db/server';
import { hashSessionToken } from '@lumenforge/db/server';
import type { TRedisClient } from '@lumenforge/redis/server';
import { z } from 'zod';
import { createPostgresSessionStore } from './postgres-session-store';
import type { TSessionRecord, TSessionStore, TSessionTimeouts } from './session-store.types';
import { SESSION_ID_PATTERN } from './session-timeouts';

export type TCachedSessionStoreOptions = {
  /** Prepended to every key (default ''), so production keys are exactly `sessions:…`. */
  keyPrefix?: string;
  /** A Redis call that takes longer is abandoned and PostgreSQL answers (default 150 ms). */
  redisTimeoutMs?: number;
  /** While the cache is out of use, Redis is tried again at most this often (default 1 000 ms). */
  retryIntervalMs?: number;
  /** Where "cache unavailable" / "cache back" lines go (once per outage). */
  logger?: { warn: (message: string) => void; info: (message: string) => void };
};

/** Longer "tokens" are not ours (ours are 43 characters): answer null without hashing megabytes. */
const MAX_TOKEN_LENGTH = 512;

/**
 * How far before the first failed Redis call the catch-up looks for revocations: another instance
 * may have failed to reach Redis (and revoked) a little earlier, and clocks differ.
 */
const CATCH_UP_MARGIN_MS = 60_000;

/** The hash is pruned of ended entries once it holds more fields than this. */
const INDEX_PRUNE_THRESHOLD = 64;

/** What the token key holds: times as epoch milliseconds. */
const ZCachedSessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  workspaceId: z.string().nullable(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  absoluteExpiresAt: z.number(),
  authTime: z.number(),
  mfa: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
type TCachedSession = z.infer<typeof ZCachedSessionSchema>;

// KEYS: token key, user hash. ARGV: record JSON, its TTL (ms), session id, token hash, hash TTL (ms),
// now (ms), token key prefix. Caches the record unless the session carries a tombstone; prunes the
// hash of tombstones past their time and of entries whose token key expired once it grows.
const CACHE_SCRIPT = `
local current = redis.call('HGET', KEYS[2], ARGV[3])
if current and string.sub(current, 1, 8) == 'revoked:' then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
if redis.call('HLEN', KEYS[2]) > ${INDEX_PRUNE_THRESHOLD} then
  local entries = redis.call('HGETALL', KEYS[2])
  for i = 1, #entries, 2 do
    local value = entries[i + 1]
    if string.sub(value, 1, 8) == 'revoked:' then
      if tonumber(string.sub(value, 9)) < tonumber(ARGV[6]) then redis.call('HDEL', KEYS[2], entries[i]) end
    elseif redis.call('EXISTS', ARGV[7] .. value) == 0 then
      redis.call('HDEL', KEYS[2], entries[i])
    end
  end
end
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[5]) then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
return 1
`;

// KEYS: user hash, then any token keys to delete outright. ARGV: token key prefix, tombstone
// (`revoked:{untilMs}`), hash TTL (ms), then session ids. Drops each session's cached record and
// leaves its tombstone.
const INVALIDATE_SCRIPT = `
for i = 4, #ARGV do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and string.sub(current, 1, 8) ~= 'revoked:' then redis.call('DEL', ARGV[1] .. current) end
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[2])
end
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
if #ARGV >= 4 and redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`;

type TScript = (redis: TRedisClient, keys: string[], args: Array<string | number>) => Promise<unknown>;

/** EVALSHA, falling back to EVAL once per process and server when Redis does not know the script yet. */
function luaScript(source: string): TScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
const cacheScript = luaScript(CACHE_SCRIPT);
const invalidateScript = luaScript(INVALIDATE_SCRIPT);

function toRecord(cached: TCachedSession): TSessionRecord {
  return {
    id: cached.id,
    userId: cached.userId,
    workspaceId: cached.workspaceId,
    createdAt: new Date(cached.createdAt),
    lastSeenAt: new Date(cached.lastSeenAt),
    absoluteExpiresAt: new Date(cached.absoluteExpiresAt),
    authTime: new Date(cached.authTime),
    mfa: cached.mfa,
    ip: cached.ip,
    userAgent: cached.userAgent,
  };
}

function toCached(session: TSessionRecord): TCachedSession {
  return {
    id: session.id,
    userId: session.userId,
    workspaceId: session.workspaceId,
    createdAt: session.createdAt.getTime(),
    lastSeenAt: session.lastSeenAt.getTime(),
    absoluteExpiresAt: session.absoluteExpiresAt.getTime(),
    authTime: session.authTime.getTime(),
    mfa: session.mfa,
    ip: session.ip,
    userAgent: session.userAgent,
  };
}

function parseCached(json: string | null): TCachedSession | null {
  if (json === null) return null;
  try {
    const parsed = ZCachedSessionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not written by this store: a miss
  }
}

/** `promise`, or a rejection after `ms`: a hung Redis must not hold a request. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined); // the timeout may win; never leave a rejection unhandled
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The session store of cluster mode: PostgreSQL (`createPostgresSessionStore`) is the source of
 * truth, Redis a read-through cache (key layout at the top of this file).
 *
 * - `findActive` answers from the cache while the cached record is live and was touched within
 *   `touchIntervalSeconds`; otherwise PostgreSQL answers (and records activity) and the cache is
 *   refreshed. So every session in use is checked against PostgreSQL at least once per touch interval.
 * - Every revocation is written to PostgreSQL first, then the cached record is deleted and a
 *   tombstone left in `sessions:{userId}`; caching refuses a tombstoned session, so a lookup that
 *   read PostgreSQL just before the revocation cannot put it back.
 * - A Redis call that fails or takes longer than `redisTimeoutMs` is answered from PostgreSQL and
 *   takes the cache out of use (no offline queue, no waiting). At most every `retryIntervalMs` Redis
 *   is tried again: the catch-up first drops every session revoked in PostgreSQL since shortly before
 *   the first failure (what this instance, or another that lost Redis too, could not invalidate),
 *   and only then is the cache read again. Recovery needs no restart.
 * - Listing sessions reads PostgreSQL.
 *
 * Limit: if one instance cannot reach Redis while others can (a partial partition), a session it
 * revokes may still be answered from the others' cache until its next touch (at most
 * `touchIntervalSeconds`) or until that instance reaches Redis again.
 *
 * The caller owns `db` and `redis` (nothing to close).
 */
export function createCachedSessionStore(
  db: TDb,
  redis: TRedisClient,
  timeouts: TSessionTimeouts,
  options: TCachedSessionStoreOptions = {},
): TSessionStore {
  const source = createPostgresSessionStore(db, timeouts);
  const checked = source.timeouts;
  const keyPrefix = options.keyPrefix ?? '';
  const tokenKeyPrefix = `${keyPrefix}sessions:token:`;
  const tokenKey = (tokenHash: string) => `${tokenKeyPrefix}${tokenHash}`;
  const userKey = (userId: string) => `${keyPrefix}sessions:${userId}`;
  const idleMs = checked.idleTimeoutSeconds * 1_000;
  const absoluteMs = checked.absoluteTimeoutSeconds * 1_000;
  const touchIntervalMs = checked.touchIntervalSeconds * 1_000;
  const redisTimeoutMs = options.redisTimeoutMs ?? 150;
  const retryIntervalMs = options.retryIntervalMs ?? 1_000;
  const logger = options.logger;

  /** Set while the cache is out of use: when the first failure of this outage happened. */
  let outageSince: number | null = null;
  /** Bumped by every failure, so a catch-up that overlapped a new failure does not end the outage. */
  let failures = 0;
  let nextAttemptAt = 0;
  let catchingUp = false;

  const markFailed = (error: unknown) => {
    failures += 1;
    nextAttemptAt = Date.now() + retryIntervalMs;
    if (outageSince !== null) return;
    outageSince = Date.now();
    logger?.warn(
      `session cache unavailable, answering from PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
    );
  };

  /** One Redis call under the timeout; a failure takes the cache out of use and rethrows. */
  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(run(), redisTimeoutMs, what);
    } catch (error) {
      markFailed(error);
      throw error;
    }
  }

  const invalidate = (userId: string, sessionIds: readonly string[], tokenKeys: readonly string[] = []) =>
    call('a session invalidation', () =>
      invalidateScript(
        redis,
        [userKey(userId), ...tokenKeys],
        [tokenKeyPrefix, `revoked:${Date.now() + absoluteMs}`, absoluteMs, ...sessionIds],
      ),
    );

  /** Drops what the cache may have missed during the outage, then puts it back in use. */
  async function catchUp(): Promise<void> {
    const since = outageSince;
    if (since === null) return;
    const failuresBefore = failures;
    const revoked = await source.listRevokedSince(new Date(since - CATCH_UP_MARGIN_MS));
    const byUser = new Map<string, string[]>();
    for (const { id, userId } of revoked) byUser.set(userId, [...(byUser.get(userId) ?? []), id]);
    for (const [userId, ids] of byUser) await invalidate(userId, ids);
    await call('PING', () => redis.ping());
    if (failures !== failuresBefore) return; // failed again meanwhile: the next catch-up covers it
    outageSince = null;
    logger?.info(
      `session cache available again after ${Math.round((Date.now() - since) / 100) / 10} s (${revoked.length} revocations caught up)`,
    );
  }

  /** Whether the cache may be read and written now; starts the catch-up when it is due. */
  function isCacheInUse(): boolean {
    if (outageSince === null) return true;
    if (!catchingUp && Date.now() >= nextAttemptAt) {
      catchingUp = true;
      nextAttemptAt = Date.now() + retryIntervalMs;
      void catchUp()
        .catch(() => undefined) // stays out of use; tried again after retryIntervalMs
        .finally(() => {
          catchingUp = false;
        });
    }
    return false;
  }

  const isLive = (cached: TCachedSession, nowMs: number) =>
    cached.absoluteExpiresAt > nowMs && cached.lastSeenAt + idleMs > nowMs;

  /** Caches a session PostgreSQL just answered with; a failure only costs the next lookup a query. */
  async function remember(session: TSessionRecord, tokenHash: string, nowMs: number): Promise<void> {
    if (!isCacheInUse()) return;
    const cached = toCached(session);
    const ttlMs = Math.ceil(Math.min(cached.lastSeenAt + idleMs, cached.absoluteExpiresAt) - nowMs);
    if (ttlMs <= 0) return;
    await call('a session cache write', () =>
      cacheScript(
        redis,
        [tokenKey(tokenHash), userKey(session.userId)],
        [JSON.stringify(cached), ttlMs, session.id, tokenHash, absoluteMs, Date.now(), tokenKeyPrefix],
      ),
    ).catch(() => undefined);
  }

  const hashOf = (token: string): string | null =>
    !token || token.length > MAX_TOKEN_LENGTH ? null : hashSessionToken(token);

  return {
    kind: 'postgres+redis',
    timeouts: checked,

    async create(input) {
      const created = await source.create(input);
      await remember(created.session, hashSessionToken(created.token), Date.now());
      return created;
    },

    async findActive(token: string, now: Date = new Date()) {
      const tokenHash = hashOf(token);
      if (!tokenHash) return null;
      const nowMs = now.getTime();
      let wasCached = false;
      if (isCacheInUse()) {
        try {
          const cached = parseCached(await call('a session lookup', () => redis.get(tokenKey(tokenHash))));
          wasCached = cached !== null;
          // Fresh enough that PostgreSQL would neither end it nor record activity: the cache answers.
          if (cached && isLive(cached, nowMs) && nowMs - cached.lastSeenAt <= touchIntervalMs)
            return toRecord(cached);
        } catch {
          // Redis is unavailable or slow: PostgreSQL answers.
        }
      }
      const session = await source.findActive(token, now);
      if (session) await remember(session, tokenHash, nowMs);
      else if (wasCached && isCacheInUse())
        // Ended or revoked in PostgreSQL: the cached record must not answer again.
        await call('a session cache delete', () => redis.del(tokenKey(tokenHash))).catch(() => undefined);
      return session;
    },

    async revoke(token: string) {
      const tokenHash = hashOf(token);
      if (!tokenHash) return null;
      const revoked = await source.revoke(token);
      // Tried even while the cache is out of use; if it fails, the catch-up covers it.
      await (
        revoked
          ? invalidate(revoked.userId, [revoked.id], [tokenKey(tokenHash)])
          : call('a session cache delete', () => redis.del(tokenKey(tokenHash)))
      ).catch(() => undefined);
      return revoked;
    },

    async revokeById(userId: string, sessionId: string) {
      if (!SESSION_ID_PATTERN.test(userId) || !SESSION_ID_PATTERN.test(sessionId)) return false;
      const isRevoked = await source.revokeById(userId, sessionId);
      if (isRevoked) await invalidate(userId, [sessionId]).catch(() => undefined);
      return isRevoked;
    },

    async revokeAllForUser(userId: string, revokeOptions: { exceptSessionId?: string } = {}) {
      const { count, revokedIds } = await source.revokeAllForUserReturningIds(userId, revokeOptions);
      if (revokedIds.length > 0) await invalidate(userId, revokedIds).catch(() => undefined);
      return count;
    },

    listActiveForUser: (userId, now) => source.listActiveForUser(userId, now),
  };
}
