import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, makeProject, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { ProjectFileRepository, loadStarterFiles, tokenCssFor } from '@lumenforge/ignis-workspace/server';
import { findFreePort } from '@lumenforge/server-process';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type TEngine } from './engine';
import { connectHmr, type THmrClient } from './testing';

const SECRET = 'test-engine-secret-0123456789abcdefghij';
const COUNTER = 'src/components/Counter.tsx';

type THmrUpdate = { type: 'update'; updates: Array<{ path: string; type: string }> };
const isUpdateOf = (suffix: string) => (message: unknown) =>
  (message as THmrUpdate).type === 'update' &&
  (message as THmrUpdate).updates.some((update) => update.path.endsWith(suffix));

describe('IGNIS engine: a dev session behind the preview origin (real Vite in a sandboxed child)', () => {
  let testDb: TTestDatabase;
  let home: string;
  let engine: TEngine;
  let origin: string;
  let projectId: string;
  let workspaceId: string;
  let preview: { id: string; url: string; isolation: string };
  let hmr: THmrClient | undefined;

  const sessionOf = (id: string) => {
    const session = engine.sessions().find((candidate) => candidate.id === id);
    if (!session) throw new Error(`no session ${id}`);
    return session;
  };
  const socket = () => {
    if (!hmr) throw new Error('the HMR socket is not open');
    return hmr;
  };

  const control = (method: string, path: string, body?: unknown, secret = SECRET) =>
    fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'ignis-engine-'));
    const workspace = await makeWorkspace(testDb.db);
    workspaceId = workspace.id;
    projectId = (await makeProject(testDb.db, { workspace })).id;
    await new ProjectFileRepository(testDb.db).replaceTree(projectId, await loadStarterFiles());
    const port = await findFreePort();
    origin = `http://127.0.0.1:${port}`;
    engine = createEngine({ home, db: testDb.db, secret: SECRET, previewOrigin: origin, maxSessions: 2 });
    await engine.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    hmr?.close();
    await engine?.close();
    await testDb?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('refuses the control API without the engine secret', async () => {
    expect((await control('GET', '/_engine/previews', undefined, 'wrong')).status).toBe(401);
    expect((await fetch(`${origin}/_engine/previews`)).status).toBe(401);
  });

  it('opens a project preview: materialised, served under /p/<id>/ with the sandbox CSP, reused when asked again', async () => {
    const response = await control('POST', '/_engine/previews', { source: { kind: 'project', projectId } });
    expect(response.status).toBe(201);
    preview = (await response.json()) as typeof preview;
    expect(preview.url).toBe(`${origin}/p/${preview.id}/`);
    expect(['process', 'container']).toContain(preview.isolation);

    const page = await fetch(preview.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe('sandbox allow-scripts');
    const html = await page.text();
    expect(html).toContain(`/p/${preview.id}/@vite/client`);
    expect(html).toContain('<div id="root">');

    // The browser's module requests: Fast Refresh makes Counter.tsx its own HMR boundary.
    const counter = await fetch(`${preview.url}${COUNTER}`);
    expect(counter.status).toBe(200);
    expect(await counter.text()).toContain('import.meta.hot');
    expect((await fetch(`${preview.url}lumenforge-tokens.css`)).status).toBe(200);

    const again = await control('POST', '/_engine/previews', { source: { kind: 'project', projectId } });
    expect(again.status).toBe(200);
    expect((await again.json()) as { id: string; reused: boolean }).toMatchObject({
      id: preview.id,
      reused: true,
    });
  });

  it('pushes an edit saved through the API to the HMR WebSocket as an `update`', async () => {
    hmr = await connectHmr(`ws://127.0.0.1:${new URL(origin).port}/p/${preview.id}/`);
    await hmr.waitFor((message) => (message as { type: string }).type === 'connected');

    const starter = await loadStarterFiles();
    const edited = (starter[COUNTER] ?? '').replace('{label}: {count}', '{label} → {count}');
    const startedAt = performance.now();
    const response = await control('PUT', `/_engine/previews/${preview.id}/files`, {
      files: { [COUNTER]: edited },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ updated: [COUNTER] });
    await hmr.waitFor(isUpdateOf('Counter.tsx'));
    console.info(`save → HMR update message: ${Math.round(performance.now() - startedAt)} ms`);
    expect(await (await fetch(`${preview.url}${COUNTER}?t=${Date.now()}`)).text()).toContain('→');
  });

  it('reports a compile error with file and line to the overlay', async () => {
    const broken = 'export function Counter() {\n  return <button>oops</button\n}\n';
    await control('PUT', `/_engine/previews/${preview.id}/files`, { files: { 'src/Broken.tsx': broken } });
    const answer = await fetch(`${preview.url}src/Broken.tsx?t=${Date.now()}`);
    expect(answer.status).toBe(500);
    const error = (await socket().waitFor((message) => (message as { type: string }).type === 'error')) as {
      err: { message: string; id: string };
    };
    // What Vite's overlay shows: the file and line (Vite 8's oxc puts them in the message, not in `loc`).
    expect(error.err.id).toMatch(/src\/Broken\.tsx$/);
    expect(error.err.message).toMatch(/src\/Broken\.tsx:3:1/);
  });

  it('refuses a `..` path and a 50 MB file, and changes nothing on disk', async () => {
    const session = sessionOf(preview.id);
    const before = await readFile(join(session.dir, COUNTER), 'utf8');

    const escape = await control('PUT', `/_engine/previews/${preview.id}/files`, {
      files: { [COUNTER]: 'export const x = 1;', '../../escape.txt': 'x' },
    });
    expect(escape.status).toBe(400);
    expect(((await escape.json()) as { error: string }).error).toMatch(/`\.\.` would leave the project/);

    const huge = await control('PUT', `/_engine/previews/${preview.id}/files`, {
      files: { 'big.txt': 'x'.repeat(50 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toMatch(/at most/);

    expect(await readFile(join(session.dir, COUNTER), 'utf8')).toBe(before);
    expect(existsSync(join(session.dir, 'big.txt'))).toBe(false);
    expect(existsSync(join(session.dir, '..', '..', 'escape.txt'))).toBe(false);
  });

  it('restyles the preview with a CSS hot update of the token stylesheet', async () => {
    const css = tokenCssFor(loadDefaultTokenSet());
    const marked = { ...css, runtimeCss: `${css.runtimeCss}\n:root { --ignis-test-marker: 1; }\n` };
    expect(await engine.applyTokens(workspaceId, marked)).toBe(1);
    await socket().waitFor(isUpdateOf('lumenforge-tokens.css'));
    const served = await (await fetch(`${preview.url}lumenforge-tokens.css?direct&t=${Date.now()}`)).text();
    expect(served).toContain('--ignis-test-marker');
  });

  it('at the session limit replaces a preview no page has open, answers 429 when every one is open, and stops idle sessions', async () => {
    const files = {
      source: {
        kind: 'files',
        files: { 'src/Hello.tsx': 'export function Hello() { return <p>hello</p>; }\n' },
        entry: 'src/Hello.tsx',
      },
    };
    const second = await control('POST', '/_engine/previews', files);
    expect(second.status).toBe(201);
    const third = await control('POST', '/_engine/previews', files);
    expect(third.status).toBe(429);
    // The new files session was used just now (its page may not have connected yet): not replaced.
    expect(((await third.json()) as { error: string }).error).toMatch(/maximum of 2 preview sessions/);

    // Unused for over 10 s with no socket (its page is gone): it makes room. The project session
    // has its HMR socket open and is never the one replaced.
    const { id: secondId } = (await second.json()) as { id: string };
    sessionOf(secondId).lastActivityAt = Date.now() - 11_000;
    const fourth = await control('POST', '/_engine/previews', files);
    expect(fourth.status).toBe(201);
    expect((await fetch(`${origin}/p/${secondId}/`)).status).toBe(410);

    // Idle: no request and no open socket. The project session still has the HMR socket open.
    const { id } = (await fourth.json()) as { id: string };
    const session = sessionOf(id);
    session.lastActivityAt = Date.now() - 16 * 60_000;
    expect(await engine.sweepIdle()).toBe(1);
    expect((await fetch(`${origin}/p/${id}/`)).status).toBe(410);
    expect(engine.sessions().map((candidate) => candidate.id)).toEqual([preview.id]);
  });
});
