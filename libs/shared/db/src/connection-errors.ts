// Recognises "PostgreSQL is not there" among the errors Prisma 6.19 + @prisma/adapter-pg + pg throw.
// The shapes below were recorded against a real server being stopped and started
// (database-unavailable.integration.test.ts); they are not all Prisma errors:
//
// | situation                                | what the caller gets                                                              |
// | ---------------------------------------- | --------------------------------------------------------------------------------- |
// | server down, model query / transaction   | PrismaClientKnownRequestError P1001 "Can't reach database server at host:port"    |
// | server down, $queryRaw / $executeRaw     | PrismaClientKnownRequestError P2010, meta.driverAdapterError.cause.kind           |
// |                                          | 'DatabaseNotReachable' (ECONNREFUSED: host + port; ENOTFOUND: host only)          |
// | query running while the server stops     | P2010 (raw) or a bare DriverAdapterError (model query), cause.kind 'postgres',    |
// |                                          | originalCode 57P01 "terminating connection due to administrator command"          |
// | transaction whose connection died        | P1017 "Server has closed the connection." (cause.kind 'ConnectionClosed')         |
// | connect timeout (server silent)          | plain Error "Connection terminated due to connection timeout" (from pg-pool)      |
// | socket closed while connecting           | plain Error "Connection terminated unexpectedly" (from pg)                        |
// | every pool slot busy for the timeout     | plain Error "timeout exceeded when trying to connect" (pg-pool; Prisma's P2024)   |
//
// Inside the driver adapter (the read-replica router sits there) the same failures are a
// DriverAdapterError with the `cause.kind` above, or the plain pg errors.
import { DatabaseUnavailableError, type TDatabaseUnavailableReason } from './db-errors';

/** Prisma error codes that mean "no usable connection" (https://www.prisma.io/docs/orm/reference/error-reference). */
const PRISMA_CODE_REASONS: Record<string, TDatabaseUnavailableReason> = {
  P1001: 'server unreachable', // Can't reach database server
  P1002: 'connection timed out', // reached, but timed out
  P1008: 'connection timed out', // operations timed out (SocketTimeout)
  P1017: 'connection closed', // Server has closed the connection
  P2024: 'connection pool exhausted', // Timed out fetching a new connection from the pool
  P2037: 'too many connections',
};

/** Node socket error codes (`error.code` with a `syscall`). */
const SOCKET_CODE_REASONS: Record<string, TDatabaseUnavailableReason> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'server unreachable',
  ENETUNREACH: 'server unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection closed',
  EPIPE: 'connection closed',
};

/** PostgreSQL SQLSTATEs that mean the session is gone or cannot start (class 08, 57P01–57P03, 53300). */
function reasonForSqlState(code: string): TDatabaseUnavailableReason | null {
  if (code === '57P01' || code === '57P02') return 'connection terminated by the server'; // admin/crash shutdown
  if (code === '57P03') return 'server not accepting connections'; // starting up or shutting down
  if (code === '53300') return 'too many connections';
  if (code.startsWith('08')) return 'connection closed'; // connection_exception and its subclasses
  return null;
}

/** `DriverAdapterError.cause.kind` (adapter-pg's mapping of driver errors). */
function reasonForAdapterCause(cause: Record<string, unknown>): TDatabaseUnavailableReason | null {
  switch (cause.kind) {
    case 'DatabaseNotReachable':
      // adapter-pg maps both ECONNREFUSED (which carries the port) and ENOTFOUND (which does not) here.
      return cause.port === undefined ? 'host not found' : 'connection refused';
    case 'ConnectionClosed':
      return 'connection closed';
    case 'SocketTimeout':
      return 'connection timed out';
    case 'TooManyConnections':
      return 'too many connections';
    case 'postgres':
      return typeof cause.originalCode === 'string' ? reasonForSqlState(cause.originalCode) : null;
    default:
      return null;
  }
}

/** pg and pg-pool throw these without a code. Checked in order: the first two also contain "Connection terminated". */
const PG_MESSAGE_REASONS: readonly (readonly [RegExp, TDatabaseUnavailableReason])[] = [
  [/^Connection terminated due to connection timeout$/, 'connection timed out'],
  [/^timeout exceeded when trying to connect$/, 'connection pool exhausted'],
  [/^Connection terminated( unexpectedly)?$/, 'connection closed'],
  [/^Client has encountered a connection error and is not queryable$/, 'connection closed'],
];

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** The reason for this one error object, without looking at its causes. */
function reasonFor(error: Record<string, unknown>): TDatabaseUnavailableReason | null {
  if (error instanceof DatabaseUnavailableError) return error.reason;
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (error.name === 'DriverAdapterError') {
    const cause = asRecord(error.cause);
    return cause ? reasonForAdapterCause(cause) : null;
  }
  if (code && typeof error.clientVersion === 'string') {
    // A Prisma error. Prefer the adapter's own cause: P2010 "Raw query failed" wraps every raw-query failure.
    const adapterCause = asRecord(asRecord(asRecord(error.meta)?.driverAdapterError)?.cause);
    return (adapterCause && reasonForAdapterCause(adapterCause)) ?? PRISMA_CODE_REASONS[code] ?? null;
  }
  if (code && typeof error.syscall === 'string') return SOCKET_CODE_REASONS[code] ?? null;
  if (code && typeof error.severity === 'string') return reasonForSqlState(code); // a pg DatabaseError
  const message = typeof error.message === 'string' ? error.message : '';
  return PG_MESSAGE_REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

/**
 * Why `error` means the database is unavailable (connection refused, closed, timed out, pool
 * exhausted …), or `null` for any other error (constraint violations, bad SQL, bugs). Looks
 * through `cause` chains, so wrapped errors are recognised too.
 */
export function databaseUnavailableReason(error: unknown): TDatabaseUnavailableReason | null {
  let current = asRecord(error);
  // A few levels: pg-pool wraps its socket error once, our own errors add one more.
  for (let depth = 0; current && depth < 5; depth += 1) {
    const reason = reasonFor(current);
    if (reason) return reason;
    current = asRecord(current.cause);
  }
  return null;
}

/** True when `error` says PostgreSQL could not be reached or dropped the connection (see {@link toDatabaseError}). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailableReason(error) !== null;
}

/**
 * `error` as the lib's typed error: a {@link DatabaseUnavailableError} (`code`
 * `DATABASE_UNAVAILABLE`, the original as `cause`) when PostgreSQL was unreachable, else `error`
 * unchanged. For route handlers and jobs: `catch (error) { throw toDatabaseError(error); }`.
 */
export function toDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError) return error;
  const reason = databaseUnavailableReason(error);
  return reason ? new DatabaseUnavailableError(reason, { cause: error }) : error;
}
