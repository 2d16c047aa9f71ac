import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createBuiltInGenerator, routePrompt } from '@lumenforge/spark-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSparkApi, type TSparkApiHarness } from './spark-api.test-harness';

type TSeen = { method: string; url: string; headers: IncomingHttpHeaders; body: unknown };

/**
 * A stand-in for IGNIS's preview API on a real port: it records what SPARK forwards and answers
 * like IGNIS (201 { id, url }, or a refusal the test chooses).
 */
async function startIgnis(answer: () => { status: number; body: unknown }) {
  const seen: TSeen[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString() || 'null') as unknown,
      });
      const { status, body } = answer();
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('SPARK /api/previews forwards to IGNIS for the signed-in person (real HTTP both ways)', () => {
  let api: TSparkApiHarness;
  let ignis: Awaited<ReturnType<typeof startIgnis>>;
  let next = { status: 201, body: { id: 'p-123', url: 'http://127.0.0.1:24678/p-123/' } as unknown };

  beforeAll(async () => {
    ignis = await startIgnis(() => next);
    api = await startSparkApi({
      spark: { generator: createBuiltInGenerator(), route: routePrompt },
      generationsPerMinute: 100,
      ignisUrl: ignis.url,
    });
  });
  afterAll(async () => {
    await api?.close();
    await ignis?.close();
  });

  const files = { 'src/components/Tag.tsx': 'export function Tag() { return null; }\n', 'src/main.tsx': '' };

  it('opens a preview with the person’s session and SPARK’s origin, and answers with IGNIS’s { id, url }', async () => {
    const { cookie } = await api.member('engineer');
    const response = await api.call(cookie, 'POST', '/api/previews', { files, entry: 'src/main.tsx' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'p-123', url: 'http://127.0.0.1:24678/p-123/' });
    const forwarded = ignis.seen.at(-1);
    expect(forwarded).toMatchObject({
      method: 'POST',
      url: '/api/previews',
      body: { files, entry: 'src/main.tsx' },
    });
    expect(forwarded?.headers.cookie).toBe(cookie);
    expect(forwarded?.headers.origin).toBe(api.runtime.systemUrls.spark);
    expect(forwarded?.headers['x-correlation-id']).toBe(response.headers.get('x-correlation-id'));

    next = { status: 200, body: { updated: ['src/components/Tag.tsx'] } };
    const update = await api.call(cookie, 'PUT', '/api/previews/p-123/files', {
      files: { 'src/components/Tag.tsx': 'export function Tag() { return <b />; }\n', 'old.ts': null },
    });
    expect(update.status).toBe(200);
    expect(ignis.seen.at(-1)).toMatchObject({ method: 'PUT', url: '/api/previews/p-123/files' });
  });

  it('passes IGNIS’s refusal on as it is, checks the body itself first, and needs components.generate', async () => {
    const { cookie } = await api.member('engineer');
    next = {
      status: 404,
      body: { error: 'not_found', message: 'This preview does not exist or was stopped.' },
    };
    const gone = await api.call(cookie, 'PUT', '/api/previews/p-999/files', { files: {} });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual(next.body);

    const before = ignis.seen.length;
    const bad = await api.call(cookie, 'POST', '/api/previews', { files });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('entry');
    const designer = await api.member('designer');
    const denied = await api.call(designer.cookie, 'POST', '/api/previews', { files, entry: 'src/main.tsx' });
    expect(denied.status).toBe(403);
    expect(ignis.seen.length).toBe(before);
  });

  it('answers 503 with a message when IGNIS cannot be reached', async () => {
    const down = await startSparkApi({
      spark: { generator: createBuiltInGenerator(), route: routePrompt },
      generationsPerMinute: 100,
      ignisUrl: 'http://127.0.0.1:9',
    });
    try {
      const { cookie } = await down.member('engineer');
      const response = await down.call(cookie, 'POST', '/api/previews', { files, entry: 'src/main.tsx' });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: 'preview_unavailable',
        message: expect.stringMatching(/cannot be reached/),
      });
    } finally {
      await down.close();
    }
  });
});
