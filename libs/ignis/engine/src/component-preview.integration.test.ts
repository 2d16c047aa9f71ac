import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, makeComponent, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { ignisPaths, materialise } from '@lumenforge/ignis-workspace/server';
import { findFreePort } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type TEngine } from './engine';
import { PreviewSession, spawnSandboxedSession } from './preview-session';

const SECRET = 'test-engine-secret-0123456789abcdefghij';
const source = (text: string) =>
  `export function Badge() {\n  return <span data-testid="badge" className="bg-accent-ignis">${text}</span>;\n}\n`;
const STORIES = `import { Badge } from './Badge';\nexport default { title: 'Badge', component: Badge };\nexport const Default = {};\n`;

/** A preview page's HTML, with the preview's sandbox CSP checked on the way. */
async function previewHtml(url: string): Promise<string> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toBe('sandbox allow-scripts');
  return page.text();
}

describe('IGNIS engine: component and component-library previews (materialised, real Vite dev sessions)', () => {
  let testDb: TTestDatabase;
  let home: string;
  let engine: TEngine;
  let origin: string;
  let workspaceId: string;
  let componentId: string;
  const stop: Array<() => Promise<unknown>> = [];

  const openPreview = async (body: unknown) => {
    const response = await fetch(`${origin}/_engine/previews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { id: string; url: string; error?: string },
    };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'ignis-component-preview-'));
    const workspace = await makeWorkspace(testDb.db);
    workspaceId = workspace.id;
    // A published component with two versions: v1 says "first", v2 (latest) says "second".
    const component = await makeComponent(testDb.db, {
      workspace,
      name: 'Badge',
      source: source('first'),
      stories: STORIES,
    });
    componentId = component.id;
    await testDb.db.componentVersion.create({
      data: { componentId, number: 2, source: source('second'), stories: STORIES },
    });
    await testDb.db.component.update({
      where: { id: componentId },
      data: { latestVersion: 2, status: 'published' },
    });
    const port = await findFreePort();
    origin = `http://127.0.0.1:${port}`;
    engine = createEngine({ home, db: testDb.db, secret: SECRET, previewOrigin: origin, maxSessions: 3 });
    await engine.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    for (const close of stop) await close().catch(() => undefined);
    await engine?.close();
    await testDb?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('previews a component version: the page renders its entry, and the module is that version’s, with HMR', async () => {
    const v1 = await openPreview({ source: { kind: 'component', componentId, version: 1 } });
    expect(v1.status).toBe(201);
    const html = await previewHtml(v1.body.url);
    expect(html).toContain(`/p/${v1.body.id}/@vite/client`);
    expect(html).toContain('<div id="root">');
    expect(html).toContain('lumenforge-preview.tsx');

    const entry = await fetch(`${v1.body.url}lumenforge-preview.tsx`);
    expect(entry.status).toBe(200);
    expect(await entry.text()).toContain('src/components/Badge.tsx');
    const module = await fetch(`${v1.body.url}src/components/Badge.tsx`);
    expect(module.status).toBe(200);
    const code = await module.text();
    expect(code).toContain('first');
    expect(code).not.toContain('second');
    expect(code).toContain('import.meta.hot');

    // The latest version is another session (the key names the version) serving the new source.
    const latest = await openPreview({ source: { kind: 'component', componentId } });
    expect(latest.status).toBe(201);
    expect(latest.body.id).not.toBe(v1.body.id);
    expect(await (await fetch(`${latest.body.url}src/components/Badge.tsx`)).text()).toContain('second');
  });

  it('answers 404 with a message for a version that does not exist, and starts no session', async () => {
    const sessions = engine.sessions().length;
    const missing = await openPreview({ source: { kind: 'component', componentId, version: 9 } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/Version 9 of Badge does not exist/);
    expect(engine.sessions()).toHaveLength(sessions);
  });

  it('serves the component library (the published components and their stories) from a dev session', async () => {
    // The engine's preview API has no library source; the build pipeline materialises it, and a dev
    // session of that work dir is what a catalogue preview runs.
    const library = await materialise({ kind: 'component-library', workspaceId }, { home, db: testDb.db });
    expect(library.files).toEqual(
      expect.arrayContaining([
        'src/catalogue.tsx',
        'src/components/Badge.tsx',
        'src/components/Badge.stories.tsx',
      ]),
    );
    const session = new PreviewSession('component-library-test', library.dir, workspaceId, new Map());
    stop.push(() => session.stop('test over'));
    await session.start(spawnSandboxedSession, {
      allowedRoot: ignisPaths(home).work,
      clientPort: new URL(origin).port ? Number(new URL(origin).port) : 80,
      clientProtocol: 'ws',
      readyTimeoutMs: 60_000,
      onExit: () => undefined,
    });
    const base = `http://127.0.0.1:${session.port}${session.base}`;
    const html = await (await fetch(base)).text();
    expect(html).toContain('<div id="root">');
    const catalogue = await fetch(`${base}src/catalogue.tsx`);
    expect(catalogue.status).toBe(200);
    // import.meta.glob is expanded by Vite: the catalogue imports the component and its stories.
    const code = await catalogue.text();
    expect(code).toContain('/src/components/Badge.stories.tsx');
    expect(code).toContain('/src/components/Badge.tsx');
    expect(await (await fetch(`${base}src/components/Badge.tsx`)).text()).toContain('second');
  });
});
