// Entry `@lumenforge/nats/testing`: a private nats-server (JetStream, file storage) for fault tests,
// and the shared test server's URL. Tests only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startServerProcess, type TServerProcess } from '@lumenforge/server-process';
import { readNatsServerBin } from './env';

export { readTestNatsUrl } from './env';

export type TNatsServerProcess = Omit<TServerProcess, 'output'> & {
  port: number;
  /** nats://127.0.0.1:<port> */
  url: string;
  /** Stops it and removes its JetStream store. Safe to call twice. */
  dispose: () => Promise<void>;
};

/**
 * Starts a private `nats-server -js` on a free port with its own store directory, for tests that
 * stop and restart NATS (never the shared server). The store survives `stop()`/`start()`, as on a
 * real restart. Call `dispose()` in `afterAll`.
 */
export async function startNatsServer(): Promise<TNatsServerProcess> {
  const port = await findFreePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'lf-nats-'));
  const server = await startServerProcess({
    label: `nats-server on port ${port}`,
    bin: readNatsServerBin(),
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    readyPattern: /Server is ready/,
  });
  let isDisposed = false;
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    stop: server.stop,
    start: server.start,
    isRunning: server.isRunning,
    freeze: server.freeze,
    thaw: server.thaw,
    dispose: async () => {
      if (isDisposed) return;
      isDisposed = true;
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
