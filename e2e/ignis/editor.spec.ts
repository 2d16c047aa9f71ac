import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Frame, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { createDbClient, type TDbClient } from '@lumenforge/db/server';
import { DEMO_WORKSPACE } from '@lumenforge/db/seed';
import { homeDatabaseUrl } from '@lumenforge/platform/database-url';
import { screenshotPath } from '../shared/screenshots';
import { E2E_HOME } from '../shared/sign-in';
import { publishTokenVersionInSlate } from '../shared/slate-tokens';
import { loadStarterFiles } from './starter-files';

const PG_PORT = 54329;

/** Writes through the API need the app's Origin, as a browser sends it. */
const WRITE_HEADERS = { Origin: systemUrl('ignis') };

let db: TDbClient;

const fileUrl = (projectId: string, path: string) => `/api/projects/${projectId}/files/${path}`;

/**
 * A project in the demo workspace (IGNITION creates projects; it has no UI for that yet) whose
 * starter files are uploaded through IGNIS's file API.
 */
async function createStarterProject(request: APIRequestContext): Promise<string> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug } });
  const suffix = randomBytes(4).toString('hex');
  const project = await db.project.create({
    data: {
      workspaceId: workspace.id,
      name: `Starter ${suffix}`,
      slug: `starter-${suffix}`,
      description: 'e2e: IGNIS editor',
    },
  });
  for (const [path, content] of Object.entries(await loadStarterFiles())) {
    const saved = await request.put(fileUrl(project.id, path), {
      headers: WRITE_HEADERS,
      data: { content, expectedSha256: null },
    });
    expect(saved.status(), `PUT ${path}`).toBe(201);
  }
  return project.id;
}

async function previewFrame(page: Page): Promise<Frame> {
  await expect(page.locator('iframe[title^="Preview of"]')).toBeVisible({ timeout: 60_000 });
  await expect
    .poll(() => page.frames().some((frame) => /\/p\/[0-9a-f]{24}\//.test(frame.url())), { timeout: 60_000 })
    .toBe(true);
  const frame = page.frames().find((candidate) => /\/p\/[0-9a-f]{24}\//.test(candidate.url()));
  if (!frame) throw new Error('no preview frame');
  return frame;
}

test.describe('[IGNIS] project editor with a live preview', () => {
  test.beforeAll(() => {
    const url = homeDatabaseUrl(E2E_HOME, PG_PORT);
    if (!url) throw new Error(`No embedded PostgreSQL password in ${E2E_HOME}: is the e2e platform running?`);
    db = createDbClient(url, { poolMax: 2, applicationName: 'e2e-ignis' });
  });
  test.afterAll(async () => {
    await db?.$disconnect();
  });

  test('[IGNIS][EDITOR]: an edit saved in Monaco hot-updates the preview without a reload and keeps its state', async ({
    page,
    request,
  }) => {
    test.slow();
    const projectId = await createStarterProject(request);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole('heading', { level: 1, name: /^Starter / })).toBeVisible();
    await expect(page.getByTestId('isolation')).toContainText(/isolation/);

    const frame = await previewFrame(page);
    const counter = frame.getByTestId('counter');
    await expect(counter).toHaveText('Clicks: 0', { timeout: 60_000 });
    await counter.click();
    await counter.click();
    await expect(counter).toHaveText('Clicks: 2');
    // Survives an HMR update, not a reload.
    await frame.evaluate(() => {
      (window as unknown as { __ignisMarker: string }).__ignisMarker = 'kept';
    });

    // Monaco (served by the app itself) shows the component; edit the rendered line with the keyboard.
    const editor = page.getByTestId('monaco-host').locator('.monaco-editor');
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('monaco-host')).toContainText('useState');
    // Monaco's icon font (inlined in its CSS as data:) is allowed by the CSP and loads.
    expect(
      await page.evaluate(async () => (await document.fonts.load('16px codicon')).map((face) => face.status)),
    ).toEqual(['loaded']);
    // Click at the end of the line that renders `{label}: {count}` and append to it.
    await editor.locator('.view-line', { hasText: /\{label\}:\s\{count\}/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (edited)');
    await expect(page.getByTestId('monaco-host')).toContainText(/\{count\}\s\(edited\)/);
    await expect(page.getByText('unsaved')).toBeVisible();
    await page.keyboard.press('Control+S');
    await expect(page.getByTestId('save-status')).toContainText('the preview hot-updated', {
      timeout: 15_000,
    });

    // Saved to the project (PostgreSQL is the source of truth).
    const saved = await request.get(fileUrl(projectId, 'src/components/Counter.tsx'));
    expect(((await saved.json()) as { content: string }).content).toContain('{label}: {count} (edited)');
    await expect(counter).toHaveText('Clicks: 2 (edited)', { timeout: 15_000 });
    expect(await frame.evaluate(() => (window as unknown as { __ignisMarker?: string }).__ignisMarker)).toBe(
      'kept',
    );

    await page.screenshot({ path: screenshotPath('ignis-editor-1280'), fullPage: true });
    await page.getByRole('button', { name: 'Mobile' }).click();
    await page.getByRole('button', { name: 'Dark' }).click();
    await expect(page.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
    // Dark mode reaches the preview as data-theme (a fragment change: no reload, state kept).
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await expect(counter).toHaveText('Clicks: 2 (edited)');
    await expect(page.locator('iframe[title^="Preview of"]')).toHaveAttribute('data-width', 'mobile');
    await page.screenshot({ path: screenshotPath('ignis-editor-1280-mobile-dark'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('heading', { level: 1, name: /^Starter / })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: screenshotPath('ignis-editor-390'), fullPage: true });

    // The saves queued the project's build, coalesced (never two queued at once), and the build page
    // links back to the editor at the saved revision.
    const listed = await request.get(`/api/builds?projectId=${projectId}`);
    const { builds } = (await listed.json()) as {
      builds: Array<{ id: string; status: string; causeKind: string | null }>;
    };
    const saveBuilds = builds.filter((build) => build.causeKind === 'save');
    expect(saveBuilds.length).toBeGreaterThanOrEqual(1);
    expect(builds.filter((build) => build.status === 'queued').length).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/builds/${saveBuilds[0]?.id}`);
    await page.getByRole('link', { name: /^Saved revision [0-9a-f]{12}/ }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}\\?revision=[0-9a-f]{64}$`));
    await expect(page.getByTestId('revision-notice')).toContainText(/saved revision [0-9a-f]{12}/);
    await page.screenshot({ path: screenshotPath('ignis-editor-revision'), fullPage: true });
  });

  test('[IGNIS][TOKENS]: a token published in SLATE restyles the open preview without a reload and keeps its state', async ({
    page,
    request,
  }) => {
    test.slow();
    const projectId = await createStarterProject(request);
    await page.goto(`/projects/${projectId}`);
    const frame = await previewFrame(page);
    const counter = frame.getByTestId('counter');
    await expect(counter).toHaveText('Clicks: 0', { timeout: 60_000 });
    await counter.click();
    await expect(counter).toHaveText('Clicks: 1');
    await frame.evaluate(() => Object.assign(window, { __ignisMarker: 'kept' }));
    // The starter's button is `bg-accent-ignis`: IGNIS's accent token, from the hot-updated stylesheet.
    const background = () => counter.evaluate((element) => getComputedStyle(element).backgroundColor);
    const before = await background();

    await publishTokenVersionInSlate(request, { system: 'ignis', changelog: 'e2e: IGNIS preview restyle' });

    await expect.poll(background, { timeout: 15_000 }).not.toBe(before);
    await expect(counter).toHaveText('Clicks: 1');
    expect(await frame.evaluate(() => (window as unknown as { __ignisMarker?: string }).__ignisMarker)).toBe(
      'kept',
    );
    await page.screenshot({ path: screenshotPath('ignis-preview-restyled'), fullPage: true });
  });

  test('[IGNIS][EDITOR]: a `..` path and a 6 MB file are refused with a message, and nothing stored changes', async ({
    request,
  }) => {
    const projectId = await createStarterProject(request);
    const list = async () => (await request.get(`/api/projects/${projectId}/files`)).json();
    const before = await list();
    const headers = WRITE_HEADERS;
    const escape = await request.put(`/api/projects/${projectId}/files/src/..%2F..%2Fescape.ts`, {
      headers,
      data: { content: 'x' },
    });
    expect(escape.status()).toBe(400);
    expect(((await escape.json()) as { message: string }).message).toMatch(/would leave the project/);
    const big = await request.put(`/api/projects/${projectId}/files/big.txt`, {
      headers,
      data: { content: 'x'.repeat(6 * 1024 * 1024) },
    });
    expect(big.status()).toBe(413);
    expect(((await big.json()) as { message: string }).message).toMatch(/at most 5\.0 MB/);
    expect(await list()).toEqual(before);
    const stale = await request.put(fileUrl(projectId, 'src/App.tsx'), {
      headers,
      data: { content: 'x', expectedSha256: '0'.repeat(64) },
    });
    expect(stale.status()).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toMatch(/changed by someone else/);
  });

  test('[IGNIS][HOME]: the home page lists the workspace’s projects and links to the editor', async ({
    page,
    request,
  }) => {
    const projectId = await createStarterProject(request);
    await page.goto('/');
    const link = page.locator(`a[href="/projects/${projectId}"]`);
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  });
});
