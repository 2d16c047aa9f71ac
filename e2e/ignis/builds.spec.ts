import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { createDbClient, type TDbClient } from '@lumenforge/db/server';
import { screenshotPath } from '../shared/screenshots';
import { createStarterProject, e2eDatabaseUrl } from './projects';
import { loadStarterFiles } from './starter-files';

/** Writes through the API need the app's Origin, as a browser sends it. */
const WRITE_HEADERS = { Origin: systemUrl('ignis') };
/** A real build (tsc, vitest, vite, sharp in sandboxed children) takes 10–30 s on a busy 2-core machine. */
const BUILD_TIMEOUT_MS = 120_000;

let db: TDbClient;

/** A project of the demo workspace with the starter's files (plus `extra`) stored as its tree. */
function starterProject(name: string, extra: Record<string, string> = {}): Promise<string> {
  return createStarterProject(db, { name, description: 'e2e: IGNIS builds', extra });
}

async function queueBuild(request: APIRequestContext, projectId: string): Promise<string> {
  const response = await request.post('/api/builds', {
    headers: WRITE_HEADERS,
    data: { kind: 'project', projectId },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { build: { id: string } }).build.id;
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

test.describe('[IGNIS] builds', () => {
  test.beforeAll(() => {
    db = createDbClient(e2eDatabaseUrl(), { poolMax: 2, applicationName: 'e2e-ignis-builds' });
  });
  test.afterAll(async () => {
    await db?.$disconnect();
  });

  test('[IGNIS][BUILDS]: bad requests get a clear 4xx', async ({ request }) => {
    const invalid = await request.post('/api/builds', {
      headers: WRITE_HEADERS,
      data: { kind: 'project', projectId: 'nope' },
    });
    expect(invalid.status()).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/invalid|UUID/i);
    const unknown = await request.post('/api/builds', {
      headers: WRITE_HEADERS,
      data: { kind: 'project', projectId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status()).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain(
      'does not exist in your workspace',
    );
    expect((await request.get('/api/builds/not-a-build')).status()).toBe(404);
    expect((await request.get('/api/builds?limit=0')).status()).toBe(400);
  });

  test('[IGNIS][BUILDS]: an admin runs a build and sees its stages, metrics, module treemap and the size chart', async ({
    page,
    request,
  }) => {
    test.setTimeout(BUILD_TIMEOUT_MS + 60_000);
    // A file of its own, so its inputs differ from every earlier run's (equal inputs would reuse that artifact).
    const projectId = await starterProject('Build starter', {
      'src/run.ts': `export const run = '${randomBytes(8).toString('hex')}';\n`,
    });
    const buildId = await queueBuild(request, projectId);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/builds/${buildId}`);
    await expect(page.getByRole('heading', { level: 1, name: /^Build of Build starter/ })).toBeVisible();
    // Live: the page follows the stages over SSE until the build is done (no reload).
    await expect(page.getByTestId('build-status')).toHaveText('succeeded', { timeout: BUILD_TIMEOUT_MS });
    for (const stage of ['install', 'typecheck', 'tests', 'bundle', 'images'])
      await expect(page.getByTestId(`stage-${stage}`)).toContainText('succeeded');
    await expect(page.getByTestId('metrics')).toContainText('Gzip');
    await expect(page.getByTestId('chunks')).toContainText('.js');
    await expect(page.getByTestId('module-treemap').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('suggestions')).toContainText('react-dom');
    await expect(page.getByTestId('build-log')).toContainText('built in');
    await expect(page.getByRole('link', { name: /^Project Build starter/ })).toHaveAttribute(
      'href',
      `/projects/${projectId}`,
    );
    // The latest metrics of the project (read through the platform cache).
    const latest = await request.get(`/api/builds/latest?projectId=${projectId}`);
    expect(latest.status()).toBe(200);
    const answer = (await latest.json()) as { build: { id: string; metrics: { totalBytes: number } } };
    expect(answer.build.id).toBe(buildId);
    expect(answer.build.metrics.totalBytes).toBeGreaterThan(100_000);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: screenshotPath('ignis-build-1280'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId('stage-bundle'))
      .toBeInViewport({ ratio: 0.5 })
      .catch(() => undefined);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: screenshotPath('ignis-build-390'), fullPage: true });

    // Which isolation ran its stages, as the log says (containers where podman and the base image are).
    const typecheckLog = await db.buildLogLine.findFirst({
      where: { buildId, stage: 'typecheck', line: { startsWith: 'isolation: ' } },
      select: { line: true },
    });
    const ranInContainers = typecheckLog?.line.startsWith('isolation: container') ?? false;

    // Same inputs again: content-addressed, the artifact is reused and nothing is rebuilt. Other specs
    // publish tokens meanwhile, and the workspace's token CSS is an input: a build whose inputs changed
    // rightly builds anew, so build again until two in a row have equal inputs (at most three tries).
    await page.setViewportSize({ width: 1280, height: 900 });
    let previousId = buildId;
    for (let attempt = 1; ; attempt += 1) {
      const againId = await queueBuild(request, projectId);
      await page.goto(`/builds/${againId}`);
      await expect(page.getByTestId('build-status')).toHaveText('succeeded', { timeout: BUILD_TIMEOUT_MS });
      const [previous, again] = await Promise.all(
        [previousId, againId].map((id) =>
          db.build.findUniqueOrThrow({
            where: { id },
            select: { inputDigest: true, reusedFromBuildId: true },
          }),
        ),
      );
      if (previous?.inputDigest === again?.inputDigest) {
        await expect(page.getByTestId('stage-bundle')).toContainText(`reused build ${previousId}`);
        expect(again?.reusedFromBuildId).toBe(previousId);
        break;
      }
      expect(again?.reusedFromBuildId, 'new inputs are built, not reused').toBeNull();
      expect(attempt, 'the token set kept changing between builds').toBeLessThan(3);
      previousId = againId;
    }

    // The history and the size/time charts.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/builds');
    await expect(page.getByRole('heading', { level: 1, name: 'Builds' })).toBeVisible();
    await expect(page.getByTestId('isolation')).toContainText(
      ranInContainers ? 'Container isolation (podman)' : 'Process isolation',
    );
    await expect(page.getByTestId('size-chart').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('time-chart').locator('canvas')).toBeVisible();
    await expect(
      page
        .getByTestId('build-history')
        .getByRole('link', { name: /^Build starter/ })
        .first(),
    ).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: screenshotPath('ignis-builds-1280'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: screenshotPath('ignis-builds-390'), fullPage: true });

    // LANDING's IGNIS card shows the workspace's latest build.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(systemUrl('landing'));
    await expect(page.getByTestId('card-ignis')).toContainText(/Last build/);
  });

  test('[IGNIS][BUILDS]: a type error fails the build with its file and line', async ({ page, request }) => {
    test.setTimeout(BUILD_TIMEOUT_MS + 30_000);
    const starter = await loadStarterFiles();
    const broken = `${starter['src/App.tsx']}\nexport const answer: number = 'forty-two';\n`;
    const line = broken.split('\n').findIndex((text) => text.includes('forty-two')) + 1;
    const projectId = await starterProject('Broken starter', { 'src/App.tsx': broken });
    const buildId = await queueBuild(request, projectId);
    await page.goto(`/builds/${buildId}`);
    await expect(page.getByTestId('build-status')).toHaveText('failed', { timeout: BUILD_TIMEOUT_MS });
    await expect(page.getByTestId('error-location')).toHaveText(new RegExp(`^src/App\\.tsx:${line}:\\d+$`));
    await expect(page.getByTestId('build-error')).toContainText(
      "Type 'string' is not assignable to type 'number'",
    );
    await expect(page.getByTestId('stage-bundle')).toContainText('skipped');
  });

  test('[IGNIS][BUILDS]: a queued or running build can be cancelled from its page', async ({
    page,
    request,
  }) => {
    test.setTimeout(BUILD_TIMEOUT_MS);
    const projectId = await starterProject('Cancelled starter', {
      'src/slow.test.ts':
        "import { it } from 'vitest';\nit('waits', async () => { await new Promise((r) => setTimeout(r, 60_000)); }, 90_000);\n",
    });
    const buildId = await queueBuild(request, projectId);
    await page.goto(`/builds/${buildId}`);
    await page.getByRole('button', { name: 'Cancel build' }).click();
    await expect(page.getByTestId('build-status')).toHaveText('cancelled', { timeout: 60_000 });
    const again = await request.post(`/api/builds/${buildId}/cancel`, { headers: WRITE_HEADERS });
    expect(again.status()).toBe(409);
  });
});
