// Entry `@lumenforge/nats/testing`: a private nats-server (JetStream, file storage) for fault tests,
// and the shared test server's URL. Tests only.
import { startThrowawayServer, type TThrowawayServer } from '@lumenforge/server-process';
import { readNatsServerBin } from './env';

export { readTestNatsUrl } from './env';

export type TNatsServerProcess = TThrowawayServer;

/**
 * Starts a private `nats-server -js` on a free port with its own store directory, for tests that
 * stop and restart NATS (never the shared server). The store survives `stop()`/`start()`, as on a
 * real restart. Call `dispose()` in `afterAll`.
 */
export function startNatsServer(): Promise<TNatsServerProcess> {
  return startThrowawayServer({
    name: 'nats-server',
    scheme: 'nats',
    bin: readNatsServerBin(),
    args: (port, storeDir) => ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    readyPattern: /Server is ready/,
  });
}
