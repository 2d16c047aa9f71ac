import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRedisServerBin } from './env';

export type TRedisServerProcess = {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Kills the server (SIGKILL: an outage, not a graceful shutdown) and waits for it to exit. */
  stop: () => Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  start: () => Promise<void>;
  isRunning: () => boolean;
  /** SIGSTOP: the server keeps its socket (connects are accepted by the kernel) but never answers. */
  freeze: () => void;
  /** SIGCONT after `freeze()`. */
  thaw: () => void;
  /** Stops it and removes its directory. Safe to call twice. */
  dispose: () => Promise<void>;
};

/** A free TCP port on 127.0.0.1 (asked from the OS). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
let isExitHookInstalled = false;
function installExitHook(): void {
  if (isExitHookInstalled) return;
  isExitHookInstalled = true;
  // A crashed test run must not leave redis-servers behind.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function spawnServer(bin: string, port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin,
      [
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
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.add(child);
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} did not start within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('exit', (code) => {
      running.delete(child);
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`)); // no-op once resolved
    });
  });
}

/**
 * Starts a private `redis-server` on a free port as a child process (no persistence), for tests that
 * stop and restart Redis. Never use the shared server for that. Call `dispose()` in `afterAll`.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<TRedisServerProcess> {
  installExitHook();
  const bin = readRedisServerBin();
  const port = options.port ?? (await findFreePort());
  const dir = mkdtempSync(join(tmpdir(), 'lf-redis-'));
  let child: ChildProcess | undefined = await spawnServer(bin, port, dir);
  let isDisposed = false;

  const stop = async () => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      current.once('exit', () => resolve());
      current.kill('SIGKILL'); // also ends a frozen (SIGSTOPped) server
    });
  };

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start: async () => {
      if (child) return;
      child = await spawnServer(bin, port, dir);
    },
    isRunning: () => child !== undefined,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    dispose: async () => {
      if (isDisposed) return;
      isDisposed = true;
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
