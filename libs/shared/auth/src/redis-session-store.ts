// Platform sessions in Redis (cluster mode): every app instance sees the same sessions, and a
// revocation is one DEL that every instance observes on its next request.
//
// Key layout (`keyPrefix` is '' in production; tests use a unique one):
//
//   {keyPrefix}sessions:token:{sha256(token)}  STRING  the session record as JSON (never the token).
//                                              TTL = min(lastSeenAt + idle, absoluteExpiresAt) - now:
//                                              the key exists exactly while the session is live.
//                                              A touch rewrites it (SET … XX) with a new TTL, which
//                                              never reaches past absoluteExpiresAt.
//   {keyPrefix}sessions:{userId}               HASH    sessionId → sha256(token): the spec's per-user
//                                              key, for "where you're signed in", sign-out of one
//                                              device and sign-out everywhere. Its TTL is pushed out
//                                              to the latest absolute expiry of its sessions.
//                                              Entries whose token key has expired are removed
//                                              lazily (listActiveForUser, revokeAllForUser).
//
// create and revokeAllForUser are Lua scripts (atomic). revokeAllForUser derives the token keys from
// the hash inside the script, which standalone and Sentinel Redis (what @lumenforge/redis connects
// to) allow; Redis Cluster would need both keys in one hash slot.
import { createHash, randomUUID } from 'node:crypto';
import { ZCreateSessionSchema } from '@lumenforge/db';
import { generateSessionToken, hashSessionToken } from '@lumenforge/db/server';
import type { TRedisClient } from '@lumenforge/redis/server';
import { z } from 'zod';
import type {
  TCreateSessionInput,
  TSessionRecord,
  TSessionStore,
  TSessionTimeouts,
} from './session-store.types';
import { checkSessionTimeouts, SESSION_ID_PATTERN } from './session-timeouts';

export type TRedisSessionStoreOptions = {
  /** Prepended to every key (default ''), so production keys are exactly `sessions:…`. */
  keyPrefix?: string;
};

/** Longer "tokens" are not ours (ours are 43 characters): answer null without hashing megabytes. */
const MAX_TOKEN_LENGTH = 512;

/** Same input rules as the PostgreSQL store (the `sessions` table's limits). */
const ZCreateInputSchema = ZCreateSessionSchema.pick({
  userId: true,
  workspaceId: true,
  authTime: true,
  mfa: true,
  ip: true,
  userAgent: true,
});

/** What the token key holds: times as epoch milliseconds. */
const ZStoredSessionSchema = z.object({
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
type TStoredSession = z.infer<typeof ZStoredSessionSchema>;

// KEYS: token key, user index. ARGV: record JSON, its TTL (ms), session id, token hash, index TTL (ms).
const CREATE_SCRIPT = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[5]) then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
return 1
`;

// KEYS: user index. ARGV: token key prefix, session id to keep ('' for none).
// Deletes every other session's token key and index entry; drops the kept one's entry if its key
// has expired. Returns how many token keys existed (live sessions ended).
const REVOKE_ALL_SCRIPT = `
local entries = redis.call('HGETALL', KEYS[1])
local revoked = 0
for i = 1, #entries, 2 do
  local tokenKey = ARGV[1] .. entries[i + 1]
  if entries[i] ~= ARGV[2] then
    revoked = revoked + redis.call('DEL', tokenKey)
    redis.call('HDEL', KEYS[1], entries[i])
  elseif redis.call('EXISTS', tokenKey) == 0 then
    redis.call('HDEL', KEYS[1], entries[i])
  end
end
return revoked
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
const createScript = luaScript(CREATE_SCRIPT);
const revokeAllScript = luaScript(REVOKE_ALL_SCRIPT);

function toRecord(stored: TStoredSession): TSessionRecord {
  return {
    id: stored.id,
    userId: stored.userId,
    workspaceId: stored.workspaceId,
    createdAt: new Date(stored.createdAt),
    lastSeenAt: new Date(stored.lastSeenAt),
    absoluteExpiresAt: new Date(stored.absoluteExpiresAt),
    authTime: new Date(stored.authTime),
    mfa: stored.mfa,
    ip: stored.ip,
    userAgent: stored.userAgent,
  };
}

function parseStored(json: string | null): TStoredSession | null {
  if (json === null) return null;
  try {
    const parsed = ZStoredSessionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not written by this store: treated as no session
  }
}

/**
 * The session store of cluster mode, in Redis (key layout at the top of this file). A session's
 * token key lives as long as the session (TTL = the earlier of idle and absolute expiry), so Redis
 * itself ends idle and expired sessions; reads check the same rules against `now` too. `findActive`
 * rewrites the record (new `lastSeenAt`, TTL extended but never past the absolute expiry) only when
 * `lastSeenAt` is older than `touchIntervalSeconds`, and only if the key still exists (`SET … XX`),
 * so a touch racing a revocation cannot bring the session back. Only the SHA-256 of a token is
 * stored.
 *
 * The caller owns `redis` (nothing to close). Use a client from `createRedisClient`: while Redis is
 * unreachable calls reject at once, and the caller decides (a sign-in fails, a request gets 503).
 */
export function createRedisSessionStore(
  redis: TRedisClient,
  timeouts: TSessionTimeouts,
  options: TRedisSessionStoreOptions = {},
): TSessionStore {
  const checked = checkSessionTimeouts(timeouts);
  const keyPrefix = options.keyPrefix ?? '';
  const tokenKeyPrefix = `${keyPrefix}sessions:token:`;
  const tokenKey = (tokenHash: string) => `${tokenKeyPrefix}${tokenHash}`;
  const userKey = (userId: string) => `${keyPrefix}sessions:${userId}`;
  const idleMs = checked.idleTimeoutSeconds * 1_000;
  const absoluteMs = checked.absoluteTimeoutSeconds * 1_000;
  const touchIntervalMs = checked.touchIntervalSeconds * 1_000;

  const isLive = (stored: TStoredSession, nowMs: number) =>
    stored.absoluteExpiresAt > nowMs && stored.lastSeenAt + idleMs > nowMs;
  /** Milliseconds the token key must live from `nowMs`: until idle or absolute expiry, whichever is first. */
  const ttlMs = (stored: TStoredSession, nowMs: number) =>
    Math.max(1, Math.ceil(Math.min(stored.lastSeenAt + idleMs, stored.absoluteExpiresAt) - nowMs));

  const hashOf = (token: string): string | null =>
    !token || token.length > MAX_TOKEN_LENGTH ? null : hashSessionToken(token);

  return {
    kind: 'redis',
    timeouts: checked,

    async create(input: TCreateSessionInput) {
      const data = ZCreateInputSchema.parse(input);
      const nowMs = Date.now();
      const stored: TStoredSession = {
        id: randomUUID(),
        userId: data.userId,
        workspaceId: data.workspaceId ?? null,
        createdAt: nowMs,
        lastSeenAt: nowMs,
        absoluteExpiresAt: nowMs + absoluteMs,
        authTime: data.authTime.getTime(),
        mfa: data.mfa,
        ip: data.ip ?? null,
        userAgent: data.userAgent ?? null,
      };
      const token = generateSessionToken();
      const tokenHash = hashSessionToken(token);
      const created = await createScript(
        redis,
        [tokenKey(tokenHash), userKey(stored.userId)],
        [JSON.stringify(stored), ttlMs(stored, nowMs), stored.id, tokenHash, Math.ceil(absoluteMs)],
      );
      // 256 random bits: a collision means a broken random source, not bad luck.
      if (created !== 1) throw new Error('A session with this token already exists');
      return { session: toRecord(stored), token };
    },

    async findActive(token: string, now: Date = new Date()) {
      const tokenHash = hashOf(token);
      if (!tokenHash) return null;
      const key = tokenKey(tokenHash);
      const stored = parseStored(await redis.get(key));
      const nowMs = now.getTime();
      if (!stored || !isLive(stored, nowMs)) return null;
      if (nowMs - stored.lastSeenAt <= touchIntervalMs) return toRecord(stored);
      const touched = { ...stored, lastSeenAt: nowMs };
      // XX: only while the key exists. A session revoked since the GET stays revoked.
      const written = await redis.set(key, JSON.stringify(touched), 'PX', ttlMs(touched, nowMs), 'XX');
      return written === 'OK' ? toRecord(touched) : null;
    },

    async revoke(token: string) {
      const tokenHash = hashOf(token);
      if (!tokenHash) return null;
      const stored = parseStored(await redis.getdel(tokenKey(tokenHash)));
      if (!stored) return null;
      await redis.hdel(userKey(stored.userId), stored.id);
      // The key outlived its session only by TTL rounding: it was not live.
      return isLive(stored, Date.now()) ? toRecord(stored) : null;
    },

    async revokeById(userId: string, sessionId: string) {
      if (!SESSION_ID_PATTERN.test(userId) || !SESSION_ID_PATTERN.test(sessionId)) return false;
      const index = userKey(userId);
      const tokenHash = await redis.hget(index, sessionId);
      if (tokenHash === null) return false; // unknown, ended, or another user's session
      const results = await redis.multi().del(tokenKey(tokenHash)).hdel(index, sessionId).exec();
      return results?.[0]?.[1] === 1;
    },

    async revokeAllForUser(userId: string, revokeOptions: { exceptSessionId?: string } = {}) {
      if (!SESSION_ID_PATTERN.test(userId)) return 0;
      const revoked = await revokeAllScript(
        redis,
        [userKey(userId)],
        [tokenKeyPrefix, revokeOptions.exceptSessionId ?? ''],
      );
      return Number(revoked);
    },

    async listActiveForUser(userId: string, now: Date = new Date()) {
      if (!SESSION_ID_PATTERN.test(userId)) return [];
      const index = userKey(userId);
      const entries = Object.entries(await redis.hgetall(index));
      if (entries.length === 0) return [];
      const jsons = await redis.mget(...entries.map(([, tokenHash]) => tokenKey(tokenHash)));
      const nowMs = now.getTime();
      const live: TStoredSession[] = [];
      const ended: string[] = [];
      entries.forEach(([sessionId], index_) => {
        const json = jsons[index_] ?? null;
        if (json === null) ended.push(sessionId);
        const stored = parseStored(json);
        if (stored && isLive(stored, nowMs)) live.push(stored);
      });
      // Lazy cleanup: the token key expired (idle or absolute timeout) or was deleted.
      if (ended.length > 0) await redis.hdel(index, ...ended);
      return live
        .sort((a, b) => b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map(toRecord);
    },
  };
}
