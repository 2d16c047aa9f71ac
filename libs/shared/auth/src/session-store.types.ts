/** A platform session as the stores return it. The cookie token itself is never stored. */
export type TSessionRecord = {
  id: string;
  userId: string;
  workspaceId: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** Hard end of the session, however active it is (absolute timeout). */
  absoluteExpiresAt: Date;
  /** When the identity provider authenticated the user for this session. */
  authTime: Date;
  mfa: boolean;
  ip: string | null;
  userAgent: string | null;
};

export type TCreateSessionInput = {
  userId: string;
  workspaceId: string | null;
  authTime: Date;
  mfa: boolean;
  ip: string | null;
  userAgent: string | null;
};

/**
 * Both stores reject (RangeError) a non-positive idle or absolute timeout and a touch interval that
 * is negative or not below the idle timeout (a session touched that rarely would end while in use).
 */
export type TSessionTimeouts = {
  /** A session unused this long ends (sliding): live while `lastSeenAt + idleTimeoutSeconds > now`. */
  idleTimeoutSeconds: number;
  /** A session ends this long after sign-in, however active: `absoluteExpiresAt = createdAt + this`. */
  absoluteTimeoutSeconds: number;
  /** lastSeenAt is written at most this often per session (avoids a write per request). */
  touchIntervalSeconds: number;
};

/**
 * Where platform sessions live: PostgreSQL in both modes, with a Redis cache in front of it
 * (`sessions:*`) in cluster mode. Both pass `describeSessionStoreContract`. Every sign-in creates a
 * new session with a new random token (no fixation); the token is returned once and only its
 * SHA-256 is kept.
 */
export type TSessionStore = {
  /** `postgres` (single-node mode) or `postgres+redis` (cluster mode: PostgreSQL, cached in Redis). */
  readonly kind: 'postgres' | 'postgres+redis';
  readonly timeouts: TSessionTimeouts;
  /**
   * Starts a session (sign-in) with a new random token (256 bits, base64url), returned only here:
   * put it in the cookie. Rejects invalid input (ZodError: userId not a uuid, ip over 100 or
   * userAgent over 1000 characters).
   */
  create(input: TCreateSessionInput): Promise<{ session: TSessionRecord; token: string }>;
  /**
   * The live session for a cookie token (not revoked, idle and absolute timeouts not passed), or
   * null. Records activity (sliding idle timeout), at most every `touchIntervalSeconds`; the
   * returned `lastSeenAt` is the stored one. `now` is for tests and defaults to the clock; Redis
   * still expires cached records on real time.
   */
  findActive(token: string, now?: Date): Promise<TSessionRecord | null>;
  /** Ends the session of a cookie token (sign-out); returns it, or null if none was live. */
  revoke(token: string): Promise<TSessionRecord | null>;
  /**
   * Ends one of a user's sessions by id ("sign out that device"); false if it was not live or
   * belongs to another user (nothing changes then).
   */
  revokeById(userId: string, sessionId: string): Promise<boolean>;
  /**
   * Ends every session of a user (sign out everywhere, deactivation), optionally keeping one.
   * Returns how many live sessions it ended.
   */
  revokeAllForUser(userId: string, options?: { exceptSessionId?: string }): Promise<number>;
  /** The user's live sessions at `now`, most recently used first (ties: higher id first). */
  listActiveForUser(userId: string, now?: Date): Promise<TSessionRecord[]>;
  /** Neither store has one: both use clients the caller owns and closes. */
  close?(): Promise<void>;
};
