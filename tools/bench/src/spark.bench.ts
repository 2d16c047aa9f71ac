// SPARK benchmark: `npm run bench:spark` (options after `--`: `--rounds 3 --previews 20`,
// `--only generation|previews`).
//   - built-in generation: analyse + generate (three variations) per prompt of SPARK's corpus,
//     p50/p95 over every prompt and round (the first round warms the JIT and is not counted), and
//     the save guard (type-check included) of those variations beside it: one after another
//     (checkComponent, as SPARK did), batched in one program (checkComponents), and batched on
//     the check worker pool as SPARK runs it (checkComponentsAsync), with the longest stall of
//     this thread's event loop while the pool checks;
//   - prompt → preview visible: analyse + generate + the checks of all three variations in one
//     batch on the worker pool (SPARK's generation path), then the first variation sent to one
//     warm IGNIS files preview (the engine's sandboxed Vite dev server, as SPARK's page uses it) and
//     rendered in Chromium, measured until the new component is on screen, p50/p95.
// The page is polled every frame for the new component's content (the entry wraps it in
// `data-bench="<prompt number>"`): the browser and this process share the clock, so the figure
// ends in the frame where the person sees it.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { createEnv } from '@lumenforge/config';
// The benchmark measures SPARK's generator and IGNIS's preview engine directly, as ignis.bench does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createEngine } from '@lumenforge/ignis-engine';
import { CHROMIUM_ARGS, findChromium } from '@lumenforge/platform/chromium';
import { findFreePort } from '@lumenforge/server-process';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  checkComponent,
  checkComponents,
  checkComponentsAsync,
  closeCheckPool,
  defaultCheckPoolSize,
  tokenVocabulary,
  warmUpCheckPool,
  warmUpTypeCheck,
} from '@lumenforge/spark-checks';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createBuiltInGenerator, SPARK_CORPUS, type TGeneratedFiles } from '@lumenforge/spark-generator';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { z } from 'zod';
import { formatTextTable, percentile } from './stats';

const TARGETS = { generationP95Ms: 300, previewP95Ms: 2_000 } as const;
const SECRET = 'bench-engine-secret-0123456789abcdefghijkl';
const ENTRY = 'src/BenchPreview.tsx';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    previews: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
if (args.only !== undefined && args.only !== 'generation' && args.only !== 'previews')
  throw new Error('--only must be generation or previews');
const ROUNDS = positiveInteger('--rounds', args.rounds);
const PREVIEWS = positiveInteger('--previews', args.previews);

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer`);
  return parsed;
}

/** Where Chromium is (CHROMIUM_PATH), this script's only configuration. */
function readBenchEnv() {
  // eslint-disable-next-line no-restricted-properties -- a script's entry reads its own env
  return createEnv('bench:spark', z.object({ CHROMIUM_PATH: z.string().min(1).optional() }), process.env);
}

const vocabulary = tokenVocabulary(loadDefaultTokenSet());
const generator = createBuiltInGenerator();

async function generate(prompt: string) {
  const plan = await generator.analyse(prompt, { vocabulary });
  return generator.generate({ prompt, plan }, { vocabulary });
}

/** The preview's files for one generated component: it and an entry that renders it with its first story's args. */
function previewFiles(files: TGeneratedFiles, promptNumber: number): Record<string, string> {
  return {
    [`src/components/${files.name}.tsx`]: files.source,
    [`src/components/${files.name}.stories.tsx`]: files.stories,
    [ENTRY]: `import { ${files.name} } from './components/${files.name}';
import * as stories from './components/${files.name}.stories';

type TStory = { args?: Record<string, unknown> };
const meta = (stories as unknown as { default?: { args?: Record<string, unknown> } }).default;
const first = Object.entries(stories).find(([key]) => key !== 'default')?.[1] as TStory | undefined;

export default function BenchPreview() {
  const Component = ${files.name} as unknown as (props: Record<string, unknown>) => React.ReactNode;
  return <div data-bench="${promptNumber}"><Component {...meta?.args} {...first?.args} /></div>;
}
`,
  };
}

async function measureGeneration() {
  const generation: number[] = [];
  const checks = { sequential: [] as number[], batched: [] as number[], pool: [] as number[] };
  let failedChecks = 0;
  let maxEventLoopDelayMs = 0;
  for (let round = 0; round <= ROUNDS; round += 1) {
    for (const { prompt } of SPARK_CORPUS) {
      const startedAt = performance.now();
      const result = await generate(prompt);
      const generatedMs = performance.now() - startedAt;
      if (round === 0) continue;
      generation.push(generatedMs);
      if (round !== 1) continue;
      // The save guard once per prompt: its cost is the same every round.
      const filesList = result.variations.map((variation) => variation.files);
      let checkedAt = performance.now();
      for (const files of filesList) if (!checkComponent(files, vocabulary).ok) failedChecks += 1;
      checks.sequential.push(performance.now() - checkedAt);
      checkedAt = performance.now();
      checkComponents(filesList, vocabulary);
      checks.batched.push(performance.now() - checkedAt);
      // A histogram of its own per call: one re-enabled after the synchronous checks above would
      // count their stall as its first delay.
      const eventLoop = monitorEventLoopDelay({ resolution: 10 });
      checkedAt = performance.now();
      eventLoop.enable();
      await checkComponentsAsync(filesList, vocabulary);
      eventLoop.disable();
      checks.pool.push(performance.now() - checkedAt);
      maxEventLoopDelayMs = Math.max(maxEventLoopDelayMs, eventLoop.max / 1e6);
    }
  }
  return { generation, checks, failedChecks, maxEventLoopDelayMs };
}

async function measurePreviews(executablePath: string) {
  const home = await mkdtemp(join(tmpdir(), 'spark-bench-'));
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const engine = createEngine({ home, secret: SECRET, previewOrigin: origin });
  await engine.listen(port, '127.0.0.1');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const control = async (method: string, path: string, body: unknown) => {
    const request = () =>
      fetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // A kept-alive connection the engine closed meanwhile is reset: once more on a new one.
    const response = await request().catch((error: unknown) => {
      console.error(`${method} ${path}: ${String(error)}; retrying once`);
      return request();
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id: string; url: string }>;
  };
  const samples: number[] = [];
  const stages = { generate: [] as number[], check: [] as number[], preview: [] as number[] };
  try {
    const prompts = SPARK_CORPUS.slice(0, PREVIEWS + 1);
    const first = await generate(prompts[0]?.prompt ?? 'a button');
    const preview = await control('POST', '/_engine/previews', {
      source: {
        kind: 'files',
        files: previewFiles(first.variations[0]?.files as TGeneratedFiles, 0),
        entry: ENTRY,
      },
    });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(preview.url);
    await page
      .locator('[data-bench="0"]')
      .waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => {
        const info = await control('GET', `/_engine/previews/${preview.id}`, undefined).catch(() => null);
        throw new Error(
          `The first preview never rendered: ${String(error)}\npage errors: ${pageErrors.join('\n') || 'none'}\nsession: ${JSON.stringify(info)}`,
        );
      });
    for (let number = 1; number < prompts.length; number += 1) {
      const startedAt = Date.now();
      const result = await generate(prompts[number]?.prompt ?? '');
      const files = result.variations[0]?.files as TGeneratedFiles;
      const checkedFrom = Date.now();
      // As SPARK's generation does: every variation checked, in one batch on the worker pool.
      const variationChecks = await checkComponentsAsync(
        result.variations.map((variation) => variation.files),
        vocabulary,
      );
      if (!variationChecks[0]?.ok) throw new Error(`${files.name} fails its checks`);
      const sentAt = Date.now();
      stages.check.push(sentAt - checkedFrom);
      stages.generate.push(checkedFrom - startedAt);
      // The previous component's files stay: deleting a module the page has loaded makes the dev
      // server push a hot update for it that 404s, and the update that follows is sometimes lost.
      await control('PUT', `/_engine/previews/${preview.id}/files`, { files: previewFiles(files, number) });
      const renderedAt = await page
        .waitForFunction(
          // Polled every frame: the first frame in which the new component has content on the page.
          (wanted) =>
            (document.querySelector(`[data-bench="${wanted}"]`)?.childElementCount ?? 0) > 0
              ? Date.now()
              : null,
          number,
          { polling: 'raf', timeout: 30_000 },
        )
        .catch(async (error: unknown) => {
          const info = await control('GET', `/_engine/previews/${preview.id}`, undefined).catch(() => null);
          throw new Error(
            `${files.name} (prompt ${number}) never rendered: ${String(error)}\npage errors: ${pageErrors.join('\n') || 'none'}\npage: ${(
              await page
                .locator('#root')
                .innerHTML()
                .catch(() => '')
            ).slice(0, 1_500)}\nsession: ${JSON.stringify(info)}`,
          );
        });
      const visibleAt = Number(await renderedAt.jsonValue());
      samples.push(visibleAt - startedAt);
      stages.preview.push(visibleAt - sentAt);
      // Prompts a person types are not back to back: let the dev server settle.
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  } finally {
    await browser.close();
    await engine.close();
    await rm(home, { recursive: true, force: true }).catch(() => undefined);
  }
  return { samples, stages };
}

async function main(): Promise<void> {
  const executablePath = findChromium(readBenchEnv().CHROMIUM_PATH);
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH).');
  // As SPARK after boot: the pool's workers parse the declarations before the first check.
  warmUpTypeCheck();
  await warmUpCheckPool();
  const ms = (value: number) => value.toFixed(1);
  try {
    if (args.only !== 'previews') await reportGeneration(ms);
    if (args.only !== 'generation') await reportPreviews(executablePath, ms);
  } finally {
    await closeCheckPool();
  }
}

async function reportGeneration(ms: (value: number) => string): Promise<void> {
  const { generation, checks, failedChecks, maxEventLoopDelayMs } = await measureGeneration();
  const generationP95 = percentile(generation, 95);
  console.log(
    `\nSPARK benchmark: ${SPARK_CORPUS.length} corpus prompts × ${ROUNDS} rounds, 3 variations each; ${defaultCheckPoolSize()} check worker(s); load ${loadAverage()}\n`,
  );
  const guard = (label: string, samples: number[]) => [
    label,
    ms(percentile(samples, 50)),
    ms(percentile(samples, 95)),
    '',
    '',
  ];
  console.log(
    formatTextTable(
      ['metric', 'p50', 'p95', 'target', 'met'],
      [
        [
          'built-in generation per prompt (ms)',
          ms(percentile(generation, 50)),
          ms(generationP95),
          `p95 ≤ ${TARGETS.generationP95Ms}`,
          generationP95 <= TARGETS.generationP95Ms ? 'yes' : 'no',
        ],
        guard(`save guard of 3 variations, one by one (ms; ${failedChecks} refused)`, checks.sequential),
        guard('save guard of 3 variations, one program (ms)', checks.batched),
        guard('save guard of 3 variations, worker pool as SPARK (ms)', checks.pool),
        ['  longest event-loop stall meanwhile (ms)', ms(maxEventLoopDelayMs), '', '', ''],
      ],
    ),
  );
}

/** The machine's load average (1, 5, 15 min), for reading the figures. */
function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

async function reportPreviews(executablePath: string, ms: (value: number) => string): Promise<void> {
  const { samples: previews, stages } = await measurePreviews(executablePath);
  const previewP95 = percentile(previews, 95);
  console.log(
    `\n${previews.length} prompts to one warm IGNIS preview, first variation rendered in Chromium; load ${loadAverage()}\n`,
  );
  console.log(
    formatTextTable(
      ['metric', 'p50', 'p95', 'target', 'met'],
      [
        [
          'prompt → preview visible in Chromium (ms)',
          ms(percentile(previews, 50)),
          ms(previewP95),
          `p95 ≤ ${TARGETS.previewP95Ms}`,
          previewP95 <= TARGETS.previewP95Ms ? 'yes' : 'no',
        ],
        [
          '  of which analyse + generate (ms)',
          ms(percentile(stages.generate, 50)),
          ms(percentile(stages.generate, 95)),
          '',
          '',
        ],
        [
          '  of which save guard, 3 variations (ms)',
          ms(percentile(stages.check, 50)),
          ms(percentile(stages.check, 95)),
          '',
          '',
        ],
        [
          '  of which hot update → visible (ms)',
          ms(percentile(stages.preview, 50)),
          ms(percentile(stages.preview, 95)),
          '',
          '',
        ],
      ],
    ),
  );
}

await main();
