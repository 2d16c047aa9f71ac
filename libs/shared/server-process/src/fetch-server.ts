import { createServer } from 'node:http';
import { Readable } from 'node:stream';

export type TFetchServer = { url: string; close: () => Promise<void> };

/**
 * Serves a fetch-style handler (`(request) => Response`, as a Next route handler is) over real
 * HTTP on a free port of 127.0.0.1, streaming the response body. The request's signal aborts when
 * the client goes away. For tests of route helpers without building an app.
 */
export async function startFetchServer(
  handler: (request: Request) => Response | Promise<Response>,
): Promise<TFetchServer> {
  const server = createServer((incoming, outgoing) => {
    const controller = new AbortController();
    outgoing.on('close', () => controller.abort());
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const method = incoming.method ?? 'GET';
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers))
          if (typeof value === 'string') headers.set(name, value);
        const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
          method,
          headers,
          signal: controller.signal,
          ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
        });
        const response = await handler(request);
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) Readable.fromWeb(response.body as never).pipe(outgoing);
        else outgoing.end();
      })().catch((error: unknown) => {
        outgoing.writeHead(500);
        outgoing.end(String(error));
      });
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      // Streaming responses (SSE) never end on their own: cut every connection, then stop listening.
      const closed = new Promise((resolveClose) => server.close(resolveClose));
      server.closeAllConnections();
      await closed;
    },
  };
}
