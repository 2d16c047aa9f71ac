import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemFromResponse, sendJson } from './api-client';

describe('problemFromResponse', () => {
  it('reads the flat error body every route sends, keeping each issue as sent', () => {
    const problem = problemFromResponse(422, {
      error: 'invalid_tokens',
      message: 'The tokens have 1 problem; nothing was saved',
      issues: [
        { path: 'color.fg', message: 'fg on bg is 3:1', theme: 'dark', rule: 'contrast', severity: 'error' },
        'junk',
        { path: 'color.bg' },
      ],
    });
    expect(problem).toEqual({
      status: 422,
      error: 'invalid_tokens',
      message: 'The tokens have 1 problem; nothing was saved',
      issues: [
        { path: 'color.fg', message: 'fg on bg is 3:1', theme: 'dark', rule: 'contrast', severity: 'error' },
      ],
    });
  });

  it('falls back to a message that says what to do when the body has none', () => {
    expect(problemFromResponse(401, 'Unauthorized').message).toMatch(/Sign in again/);
    expect(problemFromResponse(409, null)).toMatchObject({ error: 'http_409', message: /Reload/ });
    expect(problemFromResponse(500, 'oops').message).toBe('The server answered 500. Try again.');
  });
});

describe('sendJson', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // Echoes what it received, so the test sees the request as a server does.
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(request.url === '/refuse' ? 409 : 200, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({
            error: 'conflict',
            message: 'The draft changed',
            method: request.method,
            contentType: request.headers['content-type'] ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends `body` as JSON and `rawBody` exactly as given', async () => {
    const json = await sendJson<{ body: string; contentType: string }>(`${url}/echo`, {
      method: 'PUT',
      body: { a: 1 },
    });
    expect(json).toMatchObject({ ok: true, data: { body: '{"a":1}', contentType: 'application/json' } });
    const raw = await sendJson<{ body: string }>(`${url}/echo`, { method: 'POST', rawBody: '{ "b" : 2 }' });
    expect(raw).toMatchObject({ ok: true, data: { body: '{ "b" : 2 }' } });
    const none = await sendJson<{ body: string; contentType: string | null }>(`${url}/echo`, {
      method: 'GET',
    });
    expect(none).toMatchObject({ ok: true, data: { body: '', contentType: null } });
  });

  it('turns an error answer and a network failure into a problem', async () => {
    const refused = await sendJson(`${url}/refuse`, { method: 'POST', body: {} });
    expect(refused).toEqual({
      ok: false,
      problem: { status: 409, error: 'conflict', message: 'The draft changed', issues: [] },
    });
    const unreachable = await sendJson('http://127.0.0.1:1/nothing', { method: 'GET' });
    expect(unreachable).toMatchObject({ ok: false, problem: { status: 0, error: 'network_error' } });
  });
});
