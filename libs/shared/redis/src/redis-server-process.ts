import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startServerProcess, type TServerProcess } from '@lumenforge/server-process';
import { readRedisServerBin } from './env';

export type TRedisServerProcess = Omit<TServerProcess, 'output'> & {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Stops it and removes its directory. Safe to call twice. */
  dispose: () => Promise<void>;
};

/**
 * Starts a private `redis-server` on a free port as a child process (no persistence: a restart
 * starts empty), for tests that stop and restart Redis. Never use the shared server for that.
 * Call `dispose()` in `afterAll`.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<TRedisServerProcess> {
  const port = options.port ?? (await findFreePort());
  const dir = mkdtempSync(join(tmpdir(), 'lf-redis-'));
  const server = await startServerProcess({
    label: `redis-server on port ${port}`,
    bin: readRedisServerBin(),
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--daemonize',
      'no',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    readyPattern: /Ready to accept connections/,
  });
  let isDisposed = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: server.stop,
    start: server.start,
    isRunning: server.isRunning,
    freeze: server.freeze,
    thaw: server.thaw,
    dispose: async () => {
      if (isDisposed) return;
      isDisposed = true;
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
