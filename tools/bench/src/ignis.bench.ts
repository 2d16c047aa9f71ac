// IGNIS benchmark: `npm run bench:ignis` (options after `--`: `--edits 50 --restyles 20`).
// On the starter project, in one run, side by side:
//   - hot update: file save → the updated module executed in Chromium, p50/p95 over N edits, for
//     IGNIS (save through the engine's API → sandboxed Vite dev server behind the preview origin)
//     and for plain Vite (createServer in this process, the file written directly);
//   - token restyle: applyTokens (what `wissil.tokens.updated` triggers) → every open preview
//     (three pages) shows the new token value, p95 (both token stylesheets change, as in a publish);
//   - production build: IGNIS's build of the same project (queue → worker → sandboxed stages), its
//     bundle stage against `vite build` run directly, and the whole pipeline (type-check, tests, images).
// The edited module records `[edit number, Date.now()]` on `window` when it executes: the browser
// and this process share the clock, so save → execution is measured where it happens.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createTestDatabase, makeProject, makeWorkspace } from '@lumenforge/db/testing';
// The benchmark measures IGNIS itself: it drives its engine and workspaces directly.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { BuildRepository, BuildWorker, PostgresBuildQueue } from '@lumenforge/ignis-builds';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createEngine } from '@lumenforge/ignis-engine';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  ensureDependencies,
  loadStarterFiles,
  materialise,
  ProjectFileRepository,
  tokenCssFor,
} from '@lumenforge/ignis-workspace/server';
import { CHROMIUM_ARGS, findChromium } from '@lumenforge/platform/chromium';
import { findFreePort } from '@lumenforge/server-process';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { createServer } from 'vite';
import { formatTextTable, percentile } from './stats';
import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

/** Where Chromium is (CHROMIUM_PATH), this script's only configuration. */
function readBenchEnv() {
  const ZIgnisBenchEnv = z.object({ CHROMIUM_PATH: z.string().min(1).optional() });
  // eslint-disable-next-line no-restricted-properties -- a script's entry reads its own env
  return createEnv('bench:ignis', ZIgnisBenchEnv, process.env);
}

const COUNTER = 'src/components/Counter.tsx';
const SECRET = 'bench-engine-secret-0123456789abcdefghijkl';
const TARGETS = { hotUpdateP95Ms: 200, vsViteRatio: 1.5, restyleP95Ms: 300 } as const;

const { values: args } = parseArgs({
  options: { edits: { type: 'string', default: '50' }, restyles: { type: 'string', default: '20' } },
});
const EDITS = Number(args.edits);
const RESTYLES = Number(args.restyles);

/** Counter.tsx whose module, when executed, records which edit it is. */
function editedCounter(base: string, edit: number): string {
  return `${base.replace('{label}: {count}', `{label} #${edit}: {count}`)}
(globalThis as unknown as { __benchEdit?: [number, number] }).__benchEdit = [${edit}, Date.now()];
`;
}

async function openCounter(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByTestId('counter').waitFor({ timeout: 60_000 });
  return page;
}

/** Save → module executed, per edit, for a `save` function (API or file write). */
async function measureEdits(
  page: Page,
  base: string,
  save: (content: string) => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let edit = 1; edit <= EDITS + 3; edit += 1) {
    const startedAt = Date.now();
    await save(editedCounter(base, edit));
    const executedAt = await page.waitForFunction(
      (wanted) => {
        const mark = (globalThis as unknown as { __benchEdit?: [number, number] }).__benchEdit;
        return mark && mark[0] === wanted ? mark[1] : null;
      },
      edit,
      { polling: 'raf', timeout: 15_000 },
    );
    // The first three warm the transform caches; they are not counted.
    if (edit > 3) samples.push(Number(await executedAt.jsonValue()) - startedAt);
    // Edits a person makes are not back to back; let the watcher settle.
    await new Promise((resolveWait) => setTimeout(resolveWait, 60));
  }
  return samples;
}

async function viteBuildMs(dir: string): Promise<number> {
  const startedAt = performance.now();
  await new Promise<void>((resolveBuild, reject) =>
    execFile(
      join(dir, 'node_modules', '.bin', 'vite'),
      ['build', '--logLevel', 'error'],
      { cwd: dir },
      (error) => (error ? reject(error) : resolveBuild()),
    ),
  );
  return performance.now() - startedAt;
}

async function main(): Promise<void> {
  const executablePath = findChromium(readBenchEnv().CHROMIUM_PATH);
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH).');
  const testDb = await createTestDatabase();
  const home = await mkdtemp(join(tmpdir(), 'ignis-bench-'));
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const starter = await loadStarterFiles();
  const base = starter[COUNTER] ?? '';
  try {
    // IGNIS: the engine with a sandboxed dev session for a project stored in PostgreSQL.
    const workspace = await makeWorkspace(testDb.db);
    const project = await makeProject(testDb.db, { workspace });
    await new ProjectFileRepository(testDb.db).replaceTree(project.id, starter);
    const port = await findFreePort();
    const origin = `http://127.0.0.1:${port}`;
    const engine = createEngine({ home, db: testDb.db, secret: SECRET, previewOrigin: origin });
    await engine.listen(port, '127.0.0.1');
    const control = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<{ id: string; url: string }>;
    };
    const preview = await control('POST', '/_engine/previews', {
      source: { kind: 'project', projectId: project.id },
    });
    const ignisPage = await openCounter(browser, preview.url);
    const ignis = await measureEdits(ignisPage, base, async (content) => {
      await control('PUT', `/_engine/previews/${preview.id}/files`, { files: { [COUNTER]: content } });
    });

    // Token restyle: three open pages of the preview, a new publish each time. Like a real publish,
    // both stylesheets change (the plain token CSS and Tailwind's @theme file, whose change makes the
    // dev server regenerate the utilities); the marker variable shows when a page has the new one.
    const pages = [
      ignisPage,
      await openCounter(browser, preview.url),
      await openCounter(browser, preview.url),
    ];
    const defaults = tokenCssFor(loadDefaultTokenSet());
    const restyles: number[] = [];
    for (let round = 1; round <= RESTYLES; round += 1) {
      const marker = `${round}px`;
      const css = {
        ...defaults,
        themeCss: `${defaults.themeCss}\n/* bench publish ${round} */\n`,
        runtimeCss: `${defaults.runtimeCss}\n:root { --bench-restyle: ${marker}; }\n`,
      };
      // Each page notes (on the shared clock) the first frame that has the new value; the waits are
      // in place before the publish, so their setup is not counted.
      const restyled = Promise.all(
        pages.map((page) =>
          page
            .waitForFunction(
              (wanted) =>
                getComputedStyle(document.documentElement).getPropertyValue('--bench-restyle').trim() ===
                wanted
                  ? Date.now()
                  : null,
              marker,
              { polling: 'raf', timeout: 15_000 },
            )
            .then((handle) => handle.jsonValue()),
        ),
      );
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
      const startedAt = Date.now();
      await engine.applyTokens(workspace.id, css);
      restyles.push(Math.max(...(await restyled).map(Number)) - startedAt);
      // Publishes are not back to back: let the dev server finish regenerating the utilities.
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    }
    await Promise.all(pages.map((page) => page.close()));
    await engine.close();

    // Plain Vite on a copy of the same project, in this process, the file written directly.
    const plainDir = join(home, 'plain-vite');
    const materialised = await materialise(
      { kind: 'files', files: starter, entry: 'src/main.tsx' },
      { home },
    );
    await cp(materialised.dir, plainDir, {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
    await ensureDependencies(plainDir, { home });
    const vitePort = await findFreePort();
    const vite = await createServer({
      root: plainDir,
      configFile: join(plainDir, 'vite.config.ts'),
      logLevel: 'error',
      server: { host: '127.0.0.1', port: vitePort, strictPort: true },
    });
    await vite.listen();
    const vitePage = await openCounter(browser, `http://127.0.0.1:${vitePort}/`);
    const plain = await measureEdits(vitePage, base, (content) =>
      writeFile(join(plainDir, COUNTER), content),
    );
    await vitePage.close();
    await vite.close();

    await writeFile(join(plainDir, COUNTER), base);
    const buildMs = await viteBuildMs(plainDir);

    // IGNIS's production build of the same files, as a queued build run by a worker.
    const builds = new BuildRepository(testDb.db);
    const queued = await builds.create({
      workspaceId: workspace.id,
      kind: 'project',
      projectId: project.id,
      source: { kind: 'files', files: starter, entry: 'src/main.tsx', workspaceId: workspace.id },
      trigger: 'manual',
      causeKind: 'manual',
    });
    const worker = new BuildWorker({
      repo: builds,
      queue: new PostgresBuildQueue(builds),
      db: testDb.db,
      home,
      leaseMs: 30_000,
    });
    await worker.runOnce();
    const built = await builds.get(queued.id);
    // A failed build is reported in its rows; the figures measured before it still print.
    const buildFailure =
      built?.status === 'succeeded'
        ? null
        : `build ${built?.status ?? 'missing'}: ${built?.errorDetail?.stage ?? ''} ${built?.errorDetail?.message ?? ''}`;
    if (buildFailure) console.error(`IGNIS ${buildFailure} ${JSON.stringify(built?.errorDetail)}`);
    const bundleStageMs = built?.stages.find((stage) => stage.name === 'bundle')?.durationMs ?? Number.NaN;
    const pipelineMs = built?.durationMs ?? Number.NaN;

    const ms = (value: number) => value.toFixed(0);
    const ignisP95 = percentile(ignis, 95);
    const plainP95 = percentile(plain, 95);
    const restyleP95 = percentile(restyles, 95);
    console.log(
      `\nIGNIS benchmark: starter project, ${EDITS} edits, ${RESTYLES} token restyles × ${pages.length} open previews\n`,
    );
    console.log(
      formatTextTable(
        ['metric', 'IGNIS', 'plain Vite', 'target', 'met'],
        [
          ['save → module executed, p50 (ms)', ms(percentile(ignis, 50)), ms(percentile(plain, 50)), '', ''],
          [
            'save → module executed, p95 (ms)',
            ms(ignisP95),
            ms(plainP95),
            `≤ ${TARGETS.hotUpdateP95Ms}`,
            ignisP95 <= TARGETS.hotUpdateP95Ms ? 'yes' : 'no',
          ],
          [
            'IGNIS p95 / plain Vite p95',
            `${(ignisP95 / plainP95).toFixed(2)}×`,
            '1.00×',
            `≤ ${TARGETS.vsViteRatio}×`,
            ignisP95 / plainP95 <= TARGETS.vsViteRatio ? 'yes' : 'no',
          ],
          [
            'token publish → all previews restyled, p95 (ms)',
            ms(restyleP95),
            '–',
            `≤ ${TARGETS.restyleP95Ms}`,
            restyleP95 <= TARGETS.restyleP95Ms ? 'yes' : 'no',
          ],
          [
            'production build: bundle (ms)',
            buildFailure ?? `${ms(bundleStageMs)} (bundle stage, ${(bundleStageMs / buildMs).toFixed(2)}×)`,
            `${ms(buildMs)} (vite build)`,
            '',
            '',
          ],
          [
            'production build: whole pipeline (ms)',
            buildFailure ?? `${ms(pipelineMs)} (install, tsc, vitest, bundle, images)`,
            '–',
            '',
            '',
          ],
        ],
      ),
    );
  } finally {
    await browser.close();
    await testDb.drop();
    await rm(home, { recursive: true, force: true }).catch(() => undefined);
  }
}

await main();
