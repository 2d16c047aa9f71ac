import type { TDb } from './client';
import { DbNotFoundError } from './db-errors';
import type { Prisma } from './generated/prisma/client';
import { translateWriteErrors } from './prisma-errors';
import { type TCreateSession, type TSession, ZCreateSessionSchema, ZSessionSchema } from './session.schema';
import { generateSessionToken, hashToken } from './session-token';

const SESSION_SELECT = {
  id: true,
  userId: true,
  workspaceId: true,
  createdAt: true,
  lastSeenAt: true,
  expiresAt: true,
  authTime: true,
  revokedAt: true,
  mfa: true,
  ip: true,
  userAgent: true,
} as const;

/**
 * Which sessions count as live: not revoked, `expiresAt` after `now` (absolute timeout) and, when
 * `seenAfter` is given, `lastSeenAt` after it (idle timeout: pass `now - idleTimeout`).
 */
export type TLiveSessionFilter = {
  /** Default: the current time. */
  now?: Date;
  /** Idle cut-off: a session last seen at or before this instant is not live. */
  seenAfter?: Date;
};

function liveWhere(filter: TLiveSessionFilter = {}): Prisma.SessionWhereInput {
  return {
    revokedAt: null,
    expiresAt: { gt: filter.now ?? new Date() },
    ...(filter.seenAfter ? { lastSeenAt: { gt: filter.seenAfter } } : {}),
  };
}

/**
 * Platform sessions kept in PostgreSQL, their source of truth in both modes (cluster mode caches
 * them in Redis; see the session stores of `@lumenforge/auth/server`). Only the SHA-256 of a token is
 * stored; tokens are accepted and returned, hashes never leave this class. `expiresAt` is the
 * absolute expiry; an idle timeout is applied by passing `seenAfter` to the lookups.
 */
export class SessionRepository {
  constructor(private readonly db: TDb) {}

  /** Creates a session and returns it with its token (the only time the token is available). */
  async create(input: TCreateSession): Promise<{ session: TSession; token: string }> {
    const { token: givenToken, createdAt, ...data } = ZCreateSessionSchema.parse(input);
    const token = givenToken ?? generateSessionToken();
    const row = await translateWriteErrors(
      () =>
        this.db.session.create({
          data: { ...data, createdAt, lastSeenAt: createdAt, tokenHash: hashToken(token) },
          select: SESSION_SELECT,
        }),
      { conflict: 'A session with this token already exists' },
    );
    return { session: ZSessionSchema.parse(row), token };
  }

  async findById(id: string): Promise<TSession | null> {
    const row = await this.db.session.findUnique({ where: { id }, select: SESSION_SELECT });
    return row ? ZSessionSchema.parse(row) : null;
  }

  /** The session for a cookie token, whatever its state (revoked, expired), or null. */
  async findByToken(token: string): Promise<TSession | null> {
    const row = await this.db.session.findUnique({
      where: { tokenHash: hashToken(token) },
      select: SESSION_SELECT,
    });
    return row ? ZSessionSchema.parse(row) : null;
  }

  /**
   * The session for a cookie token only if it is live at `now`: neither revoked nor expired and,
   * with `options.seenAfter`, used after that instant (idle timeout).
   */
  async findActiveByToken(
    token: string,
    now: Date = new Date(),
    options: { seenAfter?: Date } = {},
  ): Promise<TSession | null> {
    const row = await this.db.session.findFirst({
      where: { tokenHash: hashToken(token), ...liveWhere({ now, seenAfter: options.seenAfter }) },
      select: SESSION_SELECT,
    });
    return row ? ZSessionSchema.parse(row) : null;
  }

  /** Records activity (and optionally extends a sliding expiry). */
  async touch(id: string, options: { at?: Date; expiresAt?: Date } = {}): Promise<TSession> {
    const row = await translateWriteErrors(
      () =>
        this.db.session.update({
          where: { id },
          data: { lastSeenAt: options.at ?? new Date(), expiresAt: options.expiresAt },
          select: SESSION_SELECT,
        }),
      { conflict: 'unreachable', notFound: `No session ${id}` },
    );
    return ZSessionSchema.parse(row);
  }

  /**
   * Throttled activity: sets `lastSeenAt = at` only if the session is not revoked and was last seen
   * before `staleBefore` (e.g. `at - touchInterval`). One conditional UPDATE, so concurrent requests
   * write at most once and `lastSeenAt` never moves backwards. Returns the updated session, or null
   * when nothing was written.
   */
  async touchIfStale(id: string, options: { at: Date; staleBefore: Date }): Promise<TSession | null> {
    const rows = await this.db.session.updateManyAndReturn({
      where: { id, revokedAt: null, lastSeenAt: { lt: options.staleBefore } },
      data: { lastSeenAt: options.at },
      select: SESSION_SELECT,
    });
    return rows[0] ? ZSessionSchema.parse(rows[0]) : null;
  }

  /** Revokes one session (sign-out). Revoking twice keeps the first revocation time. */
  async revoke(id: string, at: Date = new Date()): Promise<TSession> {
    await this.db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    const session = await this.findById(id);
    if (!session) throw new DbNotFoundError(`No session ${id}`);
    return session;
  }

  /** Revokes the session a cookie token belongs to; false when no active session had that token. */
  async revokeByToken(token: string, at: Date = new Date()): Promise<boolean> {
    const { count } = await this.db.session.updateMany({
      where: { tokenHash: hashToken(token), revokedAt: null },
      data: { revokedAt: at },
    });
    return count > 0;
  }

  /**
   * Revokes the session of a cookie token if it is live (see {@link TLiveSessionFilter}) and returns
   * it as revoked; null when no live session had that token. One statement: of two concurrent
   * sign-outs, exactly one gets the session.
   */
  async revokeLiveByToken(
    token: string,
    options: TLiveSessionFilter & { at?: Date } = {},
  ): Promise<TSession | null> {
    const rows = await this.db.session.updateManyAndReturn({
      where: { tokenHash: hashToken(token), ...liveWhere(options) },
      data: { revokedAt: options.at ?? new Date() },
      select: SESSION_SELECT,
    });
    return rows[0] ? ZSessionSchema.parse(rows[0]) : null;
  }

  /**
   * Revokes session `id` only if it belongs to `userId` and is live ("sign out that device"); null
   * when it is another user's, unknown, or already ended.
   */
  async revokeLiveForUser(
    userId: string,
    id: string,
    options: TLiveSessionFilter & { at?: Date } = {},
  ): Promise<TSession | null> {
    const rows = await this.db.session.updateManyAndReturn({
      where: { id, userId, ...liveWhere(options) },
      data: { revokedAt: options.at ?? new Date() },
      select: SESSION_SELECT,
    });
    return rows[0] ? ZSessionSchema.parse(rows[0]) : null;
  }

  /**
   * Signs a user out everywhere (deactivation, role change), optionally keeping the current session.
   * Revokes every unrevoked session (ended ones too: a later, longer idle timeout must not revive
   * them) and returns how many, or with `countLive` how many of them were live by that filter.
   */
  async revokeAllForUser(
    userId: string,
    options: { exceptSessionId?: string; at?: Date; countLive?: TLiveSessionFilter } = {},
  ): Promise<number> {
    const { revokedIds, liveCount } = await this.revokeAllForUserReturningIds(userId, options);
    return options.countLive ? liveCount : revokedIds.length;
  }

  /**
   * {@link revokeAllForUser}, also naming the sessions it revoked (a cache in front of this table
   * drops exactly those). `liveCount`: how many were live by `countLive` (default: now, no idle rule).
   */
  async revokeAllForUserReturningIds(
    userId: string,
    options: { exceptSessionId?: string; at?: Date; countLive?: TLiveSessionFilter } = {},
  ): Promise<{ revokedIds: string[]; liveCount: number }> {
    const rows = await this.db.session.updateManyAndReturn({
      where: {
        userId,
        revokedAt: null,
        id: options.exceptSessionId ? { not: options.exceptSessionId } : undefined,
      },
      data: { revokedAt: options.at ?? new Date() },
      select: { id: true, expiresAt: true, lastSeenAt: true },
    });
    const now = options.countLive?.now ?? new Date();
    const seenAfter = options.countLive?.seenAfter;
    return {
      revokedIds: rows.map((row) => row.id),
      liveCount: rows.filter((row) => row.expiresAt > now && (!seenAfter || row.lastSeenAt > seenAfter))
        .length,
    };
  }

  /**
   * Sessions revoked at or after `since` that had not expired by then (ids and owners, oldest
   * revocation first, at most `limit`): what a cache that missed revocations while it was
   * unreachable must drop.
   */
  async listRevokedSince(since: Date, limit = 10_000): Promise<Array<{ id: string; userId: string }>> {
    return this.db.session.findMany({
      where: { revokedAt: { gte: since }, expiresAt: { gt: since } },
      orderBy: { revokedAt: 'asc' },
      take: limit,
      select: { id: true, userId: true },
    });
  }

  /**
   * The user's live sessions at `now` (with `options.seenAfter`: idle ones excluded), most recently
   * used first ("where you're signed in").
   */
  async listActiveForUser(
    userId: string,
    now: Date = new Date(),
    options: { seenAfter?: Date } = {},
  ): Promise<TSession[]> {
    const rows = await this.db.session.findMany({
      where: { userId, ...liveWhere({ now, seenAfter: options.seenAfter }) },
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
      select: SESSION_SELECT,
    });
    return rows.map((row) => ZSessionSchema.parse(row));
  }

  /** Housekeeping: deletes sessions that expired or were revoked before `before`. */
  async deleteEnded(before: Date): Promise<number> {
    const { count } = await this.db.session.deleteMany({
      where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] },
    });
    return count;
  }
}
