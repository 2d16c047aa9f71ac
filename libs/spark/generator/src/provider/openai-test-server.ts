// Test fixture: a real local HTTP server speaking the OpenAI Chat Completions streaming protocol,
// scripted per request. It sends the SSE byte stream in small chunks cut anywhere (inside events,
// inside multi-byte characters, between CR and LF) with delays, keep-alive comments, and can
// stall, hang, fail with a status or answer one JSON completion. Only tests import it.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TChatMessage } from './chat-completion';

export type TChatRequestBody = {
  model: string;
  messages: TChatMessage[];
  stream?: boolean;
  temperature?: number;
};

export type TScriptedReply =
  | {
      kind: 'stream';
      text: string;
      /** Bytes per chunk of the SSE stream (default 7). */
      chunkBytes?: number;
      /** Pause after every `burst` chunks (default 1 ms after every 4). */
      delayMs?: number;
      burst?: number;
      /** Lines end with CRLF instead of LF. */
      crlf?: boolean;
      /** Stop sending (keep the connection open) after this many characters of text. */
      stallAfterChars?: number;
      /** Characters of text per SSE event (default 5). */
      charsPerEvent?: number;
    }
  | { kind: 'json'; text: string }
  | { kind: 'status'; status: number; body: string }
  | { kind: 'hang' };

export type TRecordedRequest = {
  index: number;
  headers: IncomingHttpHeaders;
  url: string;
  body: TChatRequestBody;
  /** Set when the client closed the connection before the reply was complete. */
  closedEarly: boolean;
};

export type TOpenAiTestServer = {
  baseUrl: string;
  requests: TRecordedRequest[];
  close(): Promise<void>;
};

function sseBytes(
  text: string,
  options: Extract<TScriptedReply, { kind: 'stream' }>,
): { bytes: Buffer; stallAtByte: number | null } {
  const eol = options.crlf ? '\r\n' : '\n';
  const perEvent = options.charsPerEvent ?? 5;
  const characters = Array.from(text);
  let out = `: keep-alive${eol}${eol}data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant' } }] })}${eol}${eol}`;
  let stallAtByte: number | null = null;
  for (let start = 0; start < characters.length; start += perEvent) {
    if (options.stallAfterChars !== undefined && start >= options.stallAfterChars && stallAtByte === null)
      stallAtByte = Buffer.byteLength(out);
    const content = characters.slice(start, start + perEvent).join('');
    out += `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}${eol}${eol}`;
    if (start % (perEvent * 20) === 0) out += `: ping${eol}${eol}`;
  }
  out += `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}${eol}${eol}data: [DONE]${eol}${eol}`;
  return { bytes: Buffer.from(out, 'utf8'), stallAtByte };
}

async function sendStream(
  response: ServerResponse,
  reply: Extract<TScriptedReply, { kind: 'stream' }>,
  isOpen: () => boolean,
) {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const { bytes, stallAtByte } = sseBytes(reply.text, reply);
  const chunkBytes = reply.chunkBytes ?? 7;
  const end = stallAtByte ?? bytes.length;
  const burst = reply.burst ?? 4;
  for (let offset = 0, chunk = 1; offset < end && isOpen(); offset += chunkBytes, chunk += 1) {
    response.write(bytes.subarray(offset, Math.min(offset + chunkBytes, end)));
    if (chunk % burst === 0) await new Promise((resolve) => setTimeout(resolve, reply.delayMs ?? 1));
  }
  if (stallAtByte === null && isOpen()) response.end();
}

/** Starts the server on a free port of 127.0.0.1; `reply` decides each request's answer. */
export async function startOpenAiTestServer(
  reply: (request: TRecordedRequest) => TScriptedReply,
): Promise<TOpenAiTestServer> {
  const requests: TRecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: TRecordedRequest = {
        index: requests.length,
        headers: request.headers,
        url: request.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as TChatRequestBody,
        closedEarly: false,
      };
      requests.push(recorded);
      let complete = false;
      response.on('close', () => {
        if (!complete) recorded.closedEarly = true;
      });
      response.on('finish', () => (complete = true));
      const scripted = reply(recorded);
      if (scripted.kind === 'hang') return;
      if (scripted.kind === 'status') {
        response.writeHead(scripted.status, { 'content-type': 'application/json' }).end(scripted.body);
        return;
      }
      if (scripted.kind === 'json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            choices: [
              { index: 0, message: { role: 'assistant', content: scripted.text }, finish_reason: 'stop' },
            ],
          }),
        );
        return;
      }
      void sendStream(response, scripted, () => !response.destroyed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Which step of the provider a request is, from its system prompt. */
export function stepOf(
  request: TRecordedRequest,
): 'analyse' | 'design' | 'logic' | 'performance' | 'merge' | 'repair' | 'edit' | 'unknown' {
  const system = request.body.messages[0]?.content ?? '';
  const last = request.body.messages[request.body.messages.length - 1]?.content ?? '';
  if (last.startsWith('Your files fail these checks')) return 'repair';
  if (system.startsWith('You plan React components')) return 'analyse';
  if (system.startsWith('You are the DESIGN expert')) return 'design';
  if (system.startsWith('You are the LOGIC expert')) return 'logic';
  if (system.startsWith('You are the PERFORMANCE expert')) return 'performance';
  if (system.startsWith('You are the MERGER')) return 'merge';
  if (system.startsWith('You edit an existing React component')) return 'edit';
  return 'unknown';
}
