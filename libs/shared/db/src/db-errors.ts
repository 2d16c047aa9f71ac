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
