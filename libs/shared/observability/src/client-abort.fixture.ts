// A child-process HTTP server for client-abort.test.ts: each request takes Next 16's path for a body
// request through proxy.ts (clone the body, finalize, which swaps the request's stream internals),
// then answers after 300 ms. Prints `UNCAUGHT <message> <code>` for an uncaught exception and keeps
// serving; `--guard` installs the client-abort guard first.
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { installClientAbortGuard } from './client-abort';

type TCloneableBody = { cloneBodyStream: () => NodeJS.ReadableStream; finalize: () => Promise<void> };
const { getCloneableBody } = createRequire(import.meta.url)('next/dist/server/body-streams.js') as {
  getCloneableBody: (request: IncomingMessage) => TCloneableBody;
};

if (process.argv.includes('--guard')) installClientAbortGuard();
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
  process.stdout.write(`UNCAUGHT ${error.message} ${error.code ?? ''}\n`);
});

const server = createServer((request, response) => {
  void (async () => {
    const body = getCloneableBody(request);
    body.cloneBodyStream().resume();
    await body.finalize();
    await new Promise((resolve) => setTimeout(resolve, 300));
    response.end('ok');
  })();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
