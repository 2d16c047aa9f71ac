import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Headers on every answer of the preview origin. `sandbox allow-scripts` gives the document an
 * opaque origin even when it is opened outside the app's iframe: it cannot read any cookie or
 * storage, and its requests carry `Origin: null`. Module scripts from an opaque origin are CORS
 * requests, hence `Access-Control-Allow-Origin: *` (never with credentials).
 */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': 'sandbox allow-scripts',
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// What a browser sends that the user's dev server (and its plugins) must never see.
const STRIPPED_REQUEST_HEADERS = ['cookie', 'authorization', 'proxy-authorization'];
// What the dev server may not set on the preview origin.
const STRIPPED_RESPONSE_HEADERS = [
  'set-cookie',
  'content-security-policy',
  'access-control-allow-credentials',
];

/** Forwards one HTTP request to the session's dev server on 127.0.0.1:`port`. */
export function proxyHttp(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  onError: (error: Error) => void,
): void {
  const headers = { ...req.headers };
  for (const name of STRIPPED_REQUEST_HEADERS) delete headers[name];
  // A fresh loopback connection per request (`agent: false`): Node 20's global agent keeps sockets
  // alive, and one the dev server closed after its 5 s keep-alive timeout, reused at that moment,
  // failed a module request with `read ECONNRESET` (a 502 and a blank preview under load).
  const upstream = request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: false },
    (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !STRIPPED_RESPONSE_HEADERS.includes(name)) out[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, { ...out, ...PREVIEW_HEADERS });
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    onError(error);
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', ...PREVIEW_HEADERS });
      res.end('The preview session is not answering (it may have stopped or crashed); reopen it from IGNIS.');
    } else res.destroy();
  });
  req.pipe(upstream);
}

/**
 * Forwards a WebSocket upgrade (Vite's HMR socket) byte for byte to the dev server: the handshake
 * is replayed without cookies, then both sockets are piped.
 */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  port: number,
  onClose: () => void,
): void {
  const upstream = connect(port, '127.0.0.1');
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
  for (let index = 0; index < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index] ?? '';
    if (STRIPPED_REQUEST_HEADERS.includes(name.toLowerCase())) continue;
    lines.push(`${name}: ${req.rawHeaders[index + 1] ?? ''}`);
  }
  let isClosed = false;
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    upstream.destroy();
    socket.destroy();
    onClose();
  };
  upstream.on('connect', () => {
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', close);
  upstream.on('close', close);
  socket.on('error', close);
  socket.on('close', close);
}
