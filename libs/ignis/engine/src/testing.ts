// Entry `@lumenforge/ignis-engine/testing`: a minimal WebSocket client (Node 20 has no global
// WebSocket) for tests and the benchmark to listen on a preview's HMR socket like a browser would.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export type THmrClient = {
  /** Text frames received so far, parsed as JSON where possible. */
  messages: unknown[];
  /** Resolves with the first message (already received or future) that `match` accepts. */
  waitFor: (match: (message: unknown) => boolean, timeoutMs?: number) => Promise<unknown>;
  close: () => void;
};

/**
 * Opens `ws://host:port<path>` with the `vite-hmr` subprotocol (and an Origin, as a browser sends)
 * and collects the server's text frames. Rejects if the handshake is not a 101.
 */
export function connectHmr(
  url: string,
  options: { protocol?: string; origin?: string } = {},
): Promise<THmrClient> {
  const target = new URL(url);
  return new Promise((resolveClient, reject) => {
    const socket: Socket = connect(Number(target.port || 80), target.hostname);
    const messages: unknown[] = [];
    const waiters: Array<{ match: (message: unknown) => boolean; resolve: (message: unknown) => void }> = [];
    let buffer = Buffer.alloc(0);
    let isOpen = false;
    const deliver = (text: string) => {
      let message: unknown = text;
      try {
        message = JSON.parse(text);
      } catch {
        // keep the text
      }
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.match(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    };
    const parseFrames = () => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = (buffer[0] ?? 0) & 0x0f;
        let length = (buffer[1] ?? 0) & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        if (opcode === 1) deliver(payload.toString('utf8'));
        if (opcode === 8) socket.end();
      }
    };
    socket.on('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        [
          `GET ${target.pathname}${target.search} HTTP/1.1`,
          `Host: ${target.host}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Protocol: ${options.protocol ?? 'vite-hmr'}`,
          ...(options.origin ? [`Origin: ${options.origin}`] : []),
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!isOpen) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        if (!/^HTTP\/1\.1 101/.test(head)) {
          socket.destroy();
          reject(new Error(`WebSocket handshake refused: ${head.split('\r\n')[0] ?? head}`));
          return;
        }
        isOpen = true;
        resolveClient({
          messages,
          waitFor: (match, timeoutMs = 10_000) =>
            new Promise((resolveMessage, rejectMessage) => {
              const found = messages.find(match);
              if (found !== undefined) return resolveMessage(found);
              const timer = setTimeout(
                () =>
                  rejectMessage(
                    new Error(
                      `no matching HMR message within ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 500)}`,
                    ),
                  ),
                timeoutMs,
              );
              waiters.push({
                match,
                resolve: (message) => {
                  clearTimeout(timer);
                  resolveMessage(message);
                },
              });
            }),
          close: () => socket.destroy(),
        });
      }
      parseFrames();
    });
    socket.on('error', (error) => {
      if (!isOpen) reject(error);
    });
  });
}
