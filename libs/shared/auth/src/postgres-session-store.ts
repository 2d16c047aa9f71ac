import { type TSession } from '@lumenforge/db';
import { SessionRepository, type TDb } from '@lumenforge/db/server';
import type {
  TCreateSessionInput,
  TSessionRecord,
  TSessionStore,
  TSessionTimeouts,
} from './session-store.types';
import { checkSessionTimeouts, SESSION_ID_PATTERN } from './session-timeouts';

/**
 * The PostgreSQL store plus what a cache in front of it needs to stay correct (the cached store of
 * cluster mode): which sessions a sign-out everywhere revoked, and which were revoked recently.
 */
export type TPostgresSessionStore = TSessionStore & {
  readonly kind: 'postgres';
  /** `revokeAllForUser`, also naming every session it revoked (live or already ended). */
  revokeAllForUserReturningIds(
    userId: string,
    options?: { exceptSessionId?: string },
  ): Promise<{ count: number; revokedIds: string[] }>;
  /** Sessions (id, owner) revoked at or after `since` that had not expired by then. */
  listRevokedSince(since: Date): Promise<Array<{ id: string; userId: string }>>;
};

function toRecord(session: TSession): TSessionRecord {
  return {
    id: session.id,
    userId: session.userId,
    workspaceId: session.workspaceId,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    absoluteExpiresAt: session.expiresAt,
    authTime: session.authTime,
    mfa: session.mfa,
    ip: session.ip,
    userAgent: session.userAgent,
  };
}

/**
 * The session store of single-node mode: the `sessions` table through `SessionRepository`.
 * `Session.expiresAt` is the absolute expiry (creation + `absoluteTimeoutSeconds`, never moved);
 * a session is idle-expired once `lastSeenAt + idleTimeoutSeconds` is not after now. `findActive`
 * rewrites `lastSeenAt` only when it is older than `touchIntervalSeconds`, with one conditional
 * UPDATE (concurrent requests write once). Revocation sets `revoked_at`: every process reads the
 * same table, so it takes effect at once. Only the SHA-256 of a token is stored.
 *
 * The caller owns `db` (nothing to close). Every time is taken from this process's clock.
 */
export function createPostgresSessionStore(db: TDb, timeouts: TSessionTimeouts): TPostgresSessionStore {
  const checked = checkSessionTimeouts(timeouts);
  const sessions = new SessionRepository(db);
  const idleMs = checked.idleTimeoutSeconds * 1_000;
  const touchIntervalMs = checked.touchIntervalSeconds * 1_000;
  const live = (now: Date) => ({ now, seenAfter: new Date(now.getTime() - idleMs) });

  async function revokeAllForUserReturningIds(
    userId: string,
    options: { exceptSessionId?: string } = {},
  ): Promise<{ count: number; revokedIds: string[] }> {
    if (!SESSION_ID_PATTERN.test(userId)) return { count: 0, revokedIds: [] };
    const except = options.exceptSessionId;
    const { revokedIds, liveCount } = await sessions.revokeAllForUserReturningIds(userId, {
      // Not a uuid: no session has that id, so none is kept.
      exceptSessionId: except && SESSION_ID_PATTERN.test(except) ? except : undefined,
      countLive: live(new Date()),
    });
    return { count: liveCount, revokedIds };
  }

  return {
    kind: 'postgres',
    timeouts: checked,

    async create(input: TCreateSessionInput) {
      const now = new Date();
      const { session, token } = await sessions.create({
        userId: input.userId,
        workspaceId: input.workspaceId,
        authTime: input.authTime,
        mfa: input.mfa,
        ip: input.ip,
        userAgent: input.userAgent,
        createdAt: now,
        expiresAt: new Date(now.getTime() + checked.absoluteTimeoutSeconds * 1_000),
      });
      return { session: toRecord(session), token };
    },

    async findActive(token: string, now: Date = new Date()) {
      if (!token) return null;
      const session = await sessions.findActiveByToken(token, now, { seenAfter: live(now).seenAfter });
      if (!session) return null;
      const staleBefore = new Date(now.getTime() - touchIntervalMs);
      if (session.lastSeenAt < staleBefore) {
        const touched = await sessions.touchIfStale(session.id, { at: now, staleBefore });
        if (touched) return toRecord(touched);
      }
      return toRecord(session);
    },

    async revoke(token: string) {
      if (!token) return null;
      const revoked = await sessions.revokeLiveByToken(token, live(new Date()));
      return revoked ? toRecord(revoked) : null;
    },

    async revokeById(userId: string, sessionId: string) {
      if (!SESSION_ID_PATTERN.test(userId) || !SESSION_ID_PATTERN.test(sessionId)) return false;
      return (await sessions.revokeLiveForUser(userId, sessionId, live(new Date()))) !== null;
    },

    async revokeAllForUser(userId: string, options: { exceptSessionId?: string } = {}) {
      return (await revokeAllForUserReturningIds(userId, options)).count;
    },

    revokeAllForUserReturningIds,

    listRevokedSince: (since: Date) => sessions.listRevokedSince(since),

    async listActiveForUser(userId: string, now: Date = new Date()) {
      if (!SESSION_ID_PATTERN.test(userId)) return [];
      const list = await sessions.listActiveForUser(userId, now, { seenAfter: live(now).seenAfter });
      return list.map(toRecord);
    },
  };
}
