import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient } from './client';
import { pingDatabase } from './health';
import { createTestDatabase, type TTestDatabase } from './testing';

describe('pingDatabase', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('answers with the round-trip latency', async () => {
    const { latencyMs } = await pingDatabase({ db: database.db, timeoutMs: 2_000 });
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeLessThan(2_000);
  });

  it('rejects quickly when nothing listens on the port', async () => {
    const db = createDbClient('postgresql://postgres@127.0.0.1:1/postgres');
    const startedAt = performance.now();
    await expect(pingDatabase({ db, timeoutMs: 1_500 })).rejects.toThrow(
      "PostgreSQL is unavailable: Can't reach database server at 127.0.0.1:1",
    );
    expect(performance.now() - startedAt).toBeLessThan(1_500);
    await db.$disconnect();
  });

  it('rejects within the timeout when the server accepts but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const db = createDbClient(`postgresql://postgres@127.0.0.1:${port}/postgres`, {
      connectionTimeoutMs: 5_000,
    });
    try {
      const startedAt = performance.now();
      await expect(pingDatabase({ db, timeoutMs: 300 })).rejects.toThrow(
        'PostgreSQL did not answer SELECT 1 within 300 ms',
      );
      const elapsed = performance.now() - startedAt;
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await db.$disconnect().catch(() => undefined);
    }
  });
});
