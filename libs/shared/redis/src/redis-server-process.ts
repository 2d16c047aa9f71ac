import { startThrowawayServer, type TThrowawayServer } from '@lumenforge/server-process';
import { readRedisServerBin } from './env';

export type TRedisServerProcess = TThrowawayServer;

/**
 * Starts a private `redis-server` on a free port as a child process (no persistence: a restart
 * starts empty), for tests that stop and restart Redis. Never use the shared server for that.
 * Call `dispose()` in `afterAll`.
 */
export function startRedisServer(options: { port?: number } = {}): Promise<TRedisServerProcess> {
  return startThrowawayServer({
    name: 'redis-server',
    scheme: 'redis',
    bin: readRedisServerBin(),
    args: (port, dir) => [
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
    ...(options.port ? { port: options.port } : {}),
  });
}
