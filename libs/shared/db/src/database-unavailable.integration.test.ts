// PostgreSQL going away and coming back, against a private server this file starts and stops (the
// shared test server is never touched).
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, type TDbClient } from './client';
import { isDatabaseUnavailable, toDatabaseError } from './connection-errors';
import { DatabaseUnavailableError } from './db-errors';
import { pingDatabase } from './health';
import { createRepositories } from './repositories';
import {
  createTestDatabase,
  makeUser,
  startPostgresServer,
  type TPostgresServer,
  type TTestDatabase,
} from './testing';

/** The rejection of `promise` (fails the test when it resolves), and how long it took. */
async function rejectionOf(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startedAt = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, elapsedMs: performance.now() - startedAt };
  }
  throw new Error('expected the database call to fail');
}

describe('PostgreSQL stops and starts again', () => {
  let server: TPostgresServer;
  let database: TTestDatabase;
  let db: TDbClient;

  beforeAll(async () => {
    server = await startPostgresServer();
    database = await createTestDatabase({ serverUrl: server.url });
    // What getDb() builds: default pool (10) and connect timeout (5 s).
    db = createDbClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    if (server?.isRunning()) await database?.drop();
    await server?.dispose();
  });

  it('rejects with a recognisable error within seconds, then the same client recovers by itself', async () => {
    const before = await makeUser(db, { name: 'Written before the outage' });

    await server.stop();
    const write = await rejectionOf(makeUser(db, { name: 'Written during the outage' }));
    expect(write.elapsedMs).toBeLessThan(3_000);
    expect(isDatabaseUnavailable(write.error)).toBe(true);
    const typed = toDatabaseError(write.error);
    expect(typed).toBeInstanceOf(DatabaseUnavailableError);
    expect(typed).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      reason: 'connection refused',
      message: 'The database is unavailable: connection refused. Try again shortly.',
      cause: write.error,
    });
    // Observed: PrismaClientKnownRequestError P1001 "Can't reach database server at 127.0.0.1:<port>".
    expect(write.error).toMatchObject({ code: 'P1001' });

    const read = await rejectionOf(createRepositories(db).users.findById(before.id));
    expect(toDatabaseError(read.error)).toBeInstanceOf(DatabaseUnavailableError);
    const transaction = await rejectionOf(db.$transaction(async (tx) => makeUser(tx)));
    expect(toDatabaseError(transaction.error)).toBeInstanceOf(DatabaseUnavailableError);
    await expect(pingDatabase({ db, timeoutMs: 2_000 })).rejects.toThrow(
      `PostgreSQL is unavailable: Can't reach database server at 127.0.0.1:${server.port}`,
    );

    await server.start();
    const after = await makeUser(db, { name: 'Written after the outage' });
    const users = createRepositories(db).users;
    expect(await users.findById(before.id)).toEqual(before);
    expect(await users.findById(after.id)).toEqual(after);
    expect(await db.user.count()).toBe(2);
    expect((await pingDatabase({ db })).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('recognises a query cut off by the shutdown, and frees the connection of a transaction it broke', async () => {
    // One connection: if the broken transaction kept it (Prisma 6.19 does without the adapter fix
    // in pg-adapter.ts), every later query would wait for it and fail after the connect timeout.
    const single = createDbClient(database.url, { poolMax: 1, connectionTimeoutMs: 2_000 });
    try {
      await single.$queryRaw`SELECT 1`;
      const running = single.$transaction(async (tx) => {
        await makeUser(tx, { name: 'Rolled back by the outage' });
        await tx.$executeRaw`SELECT pg_sleep(30)`;
      });
      const outcome = rejectionOf(running);
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      await server.stop();
      const { error } = await outcome;
      // Observed: P2010 "Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`".
      expect(toDatabaseError(error)).toMatchObject({ reason: 'connection terminated by the server' });

      await server.start();
      await makeUser(single, { name: 'Written on the same single connection afterwards' });
      expect(await single.user.count({ where: { name: 'Rolled back by the outage' } })).toBe(0);
    } finally {
      await single.$disconnect();
    }
  });
});

describe('PostgreSQL accepts connections but never answers', () => {
  const sockets = new Set<Socket>();
  let silent: Server;
  let port = 0;
  beforeAll(async () => {
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolveListen) => silent.listen(0, '127.0.0.1', resolveListen));
    const address = silent.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolveClose) => silent.close(resolveClose));
  });

  it('gives up after the connect timeout with a recognisable error', async () => {
    const db = createDbClient(`postgresql://postgres@127.0.0.1:${port}/postgres`, {
      connectionTimeoutMs: 1_000,
    });
    try {
      const { error, elapsedMs } = await rejectionOf(db.user.findMany());
      expect(elapsedMs).toBeGreaterThanOrEqual(900);
      expect(elapsedMs).toBeLessThan(2_500);
      // Observed: a plain Error from pg-pool, not a Prisma error.
      expect(error).toMatchObject({ message: 'Connection terminated due to connection timeout' });
      expect(toDatabaseError(error)).toMatchObject({ reason: 'connection timed out' });
    } finally {
      await db.$disconnect();
    }
  });
});
