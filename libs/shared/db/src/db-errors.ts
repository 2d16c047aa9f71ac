/** A write collided with a unique constraint (e.g. an email already in use). Existing rows are unchanged. */
export class DbConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    message: string,
    /** The columns of the violated constraint, when known (e.g. `['email']`). */
    readonly fields: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DbConflictError';
  }
}

/** The record an update or revoke targets does not exist. */
export class DbNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbNotFoundError';
  }
}

/** Why the database could not be used, in words fit for a log line or an error message. */
export const DATABASE_UNAVAILABLE_REASONS = [
  'connection refused',
  'host not found',
  'server unreachable',
  'connection timed out',
  'connection closed',
  'connection terminated by the server',
  'server not accepting connections',
  'too many connections',
  'connection pool exhausted',
] as const;
export type TDatabaseUnavailableReason = (typeof DATABASE_UNAVAILABLE_REASONS)[number];

/**
 * PostgreSQL could not be reached or dropped the connection (stopped, restarting, failing over,
 * overloaded). Transient: the same call may succeed shortly, and the client reconnects by itself.
 * Route handlers answer 503. Made from driver and Prisma errors by `toDatabaseError` (`./server`).
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(
    readonly reason: TDatabaseUnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`The database is unavailable: ${reason}. Try again shortly.`, options);
    this.name = 'DatabaseUnavailableError';
  }
}
