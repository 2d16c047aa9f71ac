import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { startServerProcess, type TServerProcess } from './server-process';

export type TThrowawayServer = Omit<TServerProcess, 'output'> & {
  port: number;
  /** `<scheme>://127.0.0.1:<port>` */
  url: string;
  /** Stops it and removes its directory. Safe to call twice. */
  dispose: () => Promise<void>;
};

/**
 * A server binary on a free port of 127.0.0.1 with its own temporary directory (data, store),
 * which survives `stop()`/`start()` and is removed by `dispose()`. `args` receives both.
 */
export async function startThrowawayServer(options: {
  name: string;
  scheme: string;
  bin: string;
  args: (port: number, dir: string) => string[];
  readyPattern: RegExp;
  port?: number;
}): Promise<TThrowawayServer> {
  const port = options.port ?? (await findFreePort());
  const dir = mkdtempSync(join(tmpdir(), `lf-${options.name}-`));
  const server = await startServerProcess({
    label: `${options.name} on port ${port}`,
    bin: options.bin,
    args: options.args(port, dir),
    readyPattern: options.readyPattern,
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  let isDisposed = false;
  return {
    port,
    url: `${options.scheme}://127.0.0.1:${port}`,
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
