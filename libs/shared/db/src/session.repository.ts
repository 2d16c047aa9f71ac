import type { TDb } from './client';
import { DbNotFoundError } from './db-errors';
import { translateWriteErrors } from './prisma-errors';
import { type TCreateSession, type TSession, ZCreateSessionSchema, ZSessionSchema } from './session.schema';
import { generateSessionToken, hashSessionToken } from './session-token';

const SESSION_SELECT = {
  id: true,
  userId: true,
  workspaceId: true,
  createdAt: true,
  lastSeenAt: true,
  expiresAt: true,
  revokedAt: true,
  mfa: true,
  ip: true,
  userAgent: true,
} as const;

/**
 * Platform sessions kept in PostgreSQL (single-node mode; cluster mode keeps them in Redis behind
 * the same session-store interface). Only the SHA-256 of a token is stored; tokens are accepted
 * and returned, hashes never leave this class.
 */
export class SessionRepository {
  constructor(private readonly db: TDb) {}

  /** Creates a session and returns it with its token (the only time the token is available). */
  async create(input: TCreateSession): Promise<{ session: TSession; token: string }> {
    const { token: givenToken, ...data } = ZCreateSessionSchema.parse(input);
    const token = givenToken ?? generateSessionToken();
    const row = await translateWriteErrors(
      () =>
        this.db.session.create({
          data: { ...data, tokenHash: hashSessionToken(token) },
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
      where: { tokenHash: hashSessionToken(token) },
      select: SESSION_SELECT,
    });
    return row ? ZSessionSchema.parse(row) : null;
  }

  /** The session for a cookie token only if it is neither revoked nor expired at `now`. */
  async findActiveByToken(token: string, now: Date = new Date()): Promise<TSession | null> {
    const row = await this.db.session.findFirst({
      where: { tokenHash: hashSessionToken(token), revokedAt: null, expiresAt: { gt: now } },
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
      where: { tokenHash: hashSessionToken(token), revokedAt: null },
      data: { revokedAt: at },
    });
    return count > 0;
  }

  /** Signs a user out everywhere (deactivation, role change), optionally keeping the current session. */
  async revokeAllForUser(
    userId: string,
    options: { exceptSessionId?: string; at?: Date } = {},
  ): Promise<number> {
    const { count } = await this.db.session.updateMany({
      where: {
        userId,
        revokedAt: null,
        id: options.exceptSessionId ? { not: options.exceptSessionId } : undefined,
      },
      data: { revokedAt: options.at ?? new Date() },
    });
    return count;
  }

  /** The user's live sessions, most recently used first ("where you're signed in"). */
  async listActiveForUser(userId: string, now: Date = new Date()): Promise<TSession[]> {
    const rows = await this.db.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { lastSeenAt: 'desc' },
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
