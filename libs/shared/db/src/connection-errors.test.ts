import { describe, expect, it } from 'vitest';
import { databaseUnavailableReason, isDatabaseUnavailable, toDatabaseError } from './connection-errors';
import { DatabaseUnavailableError, DbConflictError } from './db-errors';
import { Prisma } from './generated/prisma/client';

// The shapes Prisma 6.19 + adapter-pg + pg threw in database-unavailable.integration.test.ts, rebuilt
// here so every branch is checked without a server.
function driverAdapterError(cause: Record<string, unknown>): Error {
  return Object.assign(new Error(String(cause.kind)), { name: 'DriverAdapterError', cause });
}

function prismaError(code: string, message: string, adapterCause?: Record<string, unknown>): Error {
  return new Prisma.PrismaClientKnownRequestError(message, {
    code,
    clientVersion: '6.19.3',
    meta: adapterCause ? { driverAdapterError: driverAdapterError(adapterCause) } : undefined,
  });
}

const ADMIN_SHUTDOWN = {
  originalCode: '57P01',
  originalMessage: 'terminating connection due to administrator command',
  kind: 'postgres',
  code: '57P01',
  severity: 'FATAL',
  message: 'terminating connection due to administrator command',
};

describe('databaseUnavailableReason', () => {
  it.each([
    [
      'P1001 from a model query while the server is down',
      prismaError('P1001', "Can't reach database server at 127.0.0.1:5433", {
        kind: 'DatabaseNotReachable',
        host: '127.0.0.1',
        port: 5433,
      }),
      'connection refused',
    ],
    [
      'P2010 from a raw query while the server is down',
      prismaError('P2010', 'Raw query failed. Code: `N/A`.', {
        kind: 'DatabaseNotReachable',
        host: '127.0.0.1',
        port: 5433,
      }),
      'connection refused',
    ],
    [
      'P2010 for an unknown host (no port)',
      prismaError('P2010', 'Raw query failed.', { kind: 'DatabaseNotReachable', host: 'db.invalid' }),
      'host not found',
    ],
    [
      'P2010 for a raw query cut off by shutdown',
      prismaError('P2010', 'Raw query failed. Code: `57P01`.', ADMIN_SHUTDOWN),
      'connection terminated by the server',
    ],
    [
      'a bare DriverAdapterError (model query cut off by shutdown)',
      driverAdapterError(ADMIN_SHUTDOWN),
      'connection terminated by the server',
    ],
    [
      'P1017 from a transaction whose connection died',
      prismaError('P1017', 'Server has closed the connection.', { kind: 'ConnectionClosed' }),
      'connection closed',
    ],
    [
      'P1001 without adapter details',
      prismaError('P1001', "Can't reach database server"),
      'server unreachable',
    ],
    [
      'P2024 (pool timeout)',
      prismaError('P2024', 'Timed out fetching a new connection'),
      'connection pool exhausted',
    ],
    [
      '57P03 while the server starts',
      driverAdapterError({ kind: 'postgres', originalCode: '57P03', code: '57P03' }),
      'server not accepting connections',
    ],
    [
      'TooManyConnections',
      driverAdapterError({ kind: 'TooManyConnections', cause: '…' }),
      'too many connections',
    ],
    ['SocketTimeout', driverAdapterError({ kind: 'SocketTimeout' }), 'connection timed out'],
    [
      "pg-pool's connect timeout",
      new Error('Connection terminated due to connection timeout', {
        cause: new Error('Connection terminated unexpectedly'),
      }),
      'connection timed out',
    ],
    ["pg's closed socket", new Error('Connection terminated unexpectedly'), 'connection closed'],
    [
      "pg's broken client",
      new Error('Client has encountered a connection error and is not queryable'),
      'connection closed',
    ],
    [
      "pg-pool's wait for a free connection",
      new Error('timeout exceeded when trying to connect'),
      'connection pool exhausted',
    ],
    [
      'a Node socket error',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
        code: 'ECONNREFUSED',
        syscall: 'connect',
        errno: -111,
      }),
      'connection refused',
    ],
    [
      'a pg DatabaseError',
      Object.assign(new Error('the database system is shutting down'), { code: '57P03', severity: 'FATAL' }),
      'server not accepting connections',
    ],
    [
      'an error wrapping one of these',
      new Error('loading the dashboard failed', { cause: new Error('Connection terminated unexpectedly') }),
      'connection closed',
    ],
  ])('recognises %s', (_, error, reason) => {
    expect(databaseUnavailableReason(error)).toBe(reason);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      prismaError('P2002', 'Unique constraint failed', { kind: 'UniqueConstraintViolation' }),
    ],
    ['a missing record', prismaError('P2025', 'Record to update not found.')],
    ['a missing table', prismaError('P2021', 'The table does not exist', { kind: 'TableDoesNotExist' })],
    [
      'a failed raw query',
      prismaError('P2010', 'Raw query failed. Code: `42601`.', { kind: 'postgres', originalCode: '42601' }),
    ],
    ['bad credentials', driverAdapterError({ kind: 'AuthenticationFailed', user: 'x' })],
    [
      'a PL/pgSQL RAISE (SQLSTATE P0001)',
      Object.assign(new Error('boom'), { code: 'P0001', severity: 'ERROR' }),
    ],
    ['a pool used after end()', new Error('Cannot use a pool after calling end on the pool')],
    ['a conflict', new DbConflictError('taken', ['email'])],
    ['a string', 'Connection terminated unexpectedly'],
    ['nothing', undefined],
  ])('ignores %s', (_, error) => {
    expect(databaseUnavailableReason(error)).toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('toDatabaseError', () => {
  it('turns an outage into DatabaseUnavailableError, keeping the original as cause', () => {
    const original = prismaError('P1001', "Can't reach database server at 127.0.0.1:5433", {
      kind: 'DatabaseNotReachable',
      host: '127.0.0.1',
      port: 5433,
    });
    const error = toDatabaseError(original);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error).toMatchObject({
      name: 'DatabaseUnavailableError',
      code: 'DATABASE_UNAVAILABLE',
      reason: 'connection refused',
      message: 'The database is unavailable: connection refused. Try again shortly.',
      cause: original,
    });
  });

  it('returns other errors, and DatabaseUnavailableError, unchanged', () => {
    const conflict = new DbConflictError('taken');
    expect(toDatabaseError(conflict)).toBe(conflict);
    const unavailable = new DatabaseUnavailableError('connection closed');
    expect(toDatabaseError(unavailable)).toBe(unavailable);
    expect(databaseUnavailableReason(unavailable)).toBe('connection closed');
  });
});
