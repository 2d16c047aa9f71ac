import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createEnv } from '@lumenforge/config';
import { ZPostgresUrlSchema } from '@lumenforge/db/env';
import { z } from 'zod';
import { ensureChromium } from './chromium';
import { WORKSPACE_ROOT } from './env';
import { log } from './log';
import { runNx } from './nx';
import {
  addCounts,
  countNxTasks,
  countPlaywright,
  countVitest,
  formatCount,
  type TCount,
  ZERO,
} from './test-summary';

const REPORT_DIR = join(WORKSPACE_ROOT, 'test-output', 'reports');
const STATIC_TARGETS = ['lint', 'typecheck', 'build'] as const;

const ZTestEnv = z.object({
  /** Server the integration tests create their throwaway databases on. */
  DATABASE_URL: ZPostgresUrlSchema.default('postgresql://postgres@127.0.0.1:5432/postgres'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  CHROMIUM_PATH: z.string().optional(),
});

async function assertPostgresReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${error instanceof Error ? error.message : error}). ` +
        'The integration tests need a real server: start one, or set DATABASE_URL to one.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function projectsWithTarget(target: string): Promise<string[]> {
  const run = await runNx(['show', 'projects', '--withTarget', target, '--json'], { quiet: true });
  return JSON.parse(run.output.slice(run.output.indexOf('['))) as string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Totals of the Vitest reports of one suite; a test task that failed without a report counts as one failure. */
function countVitestSuite(
  suite: 'unit' | 'integration',
  projects: readonly string[],
  failedTasks: readonly string[],
  target: string,
): TCount {
  let total = ZERO;
  for (const project of projects) {
    const report = join(REPORT_DIR, `vitest-${project}-${suite}.json`);
    if (existsSync(report)) total = addCounts(total, countVitest(readJson(report)));
    else if (failedTasks.includes(`${project}:${target}`))
      total = addCounts(total, { passed: 0, failed: 1, skipped: 0 });
  }
  return total;
}

/**
 * `npm test`: lint, typecheck and build every project, unit and integration tests (Vitest, real
 * PostgreSQL), then the Playwright suite against the platform started as `npm start` starts it.
 * Ends with one line `N passed, N failed` over all suites; exits 1 on any failure.
 */
export async function runTests(): Promise<number> {
  const startedAt = performance.now();
  const env = createEnv('npm test', ZTestEnv, process.env);
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  const chromium = ensureChromium(env.CHROMIUM_PATH);
  await assertPostgresReachable(env.DATABASE_URL);
  const testEnv = {
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    NATS_URL: env.NATS_URL,
    CHROMIUM_PATH: chromium,
    CI: process.env['CI'] ?? '',
  };

  const [staticTasks, unitProjects, integrationProjects] = await Promise.all([
    Promise.all(
      STATIC_TARGETS.map(async (target) =>
        (await projectsWithTarget(target)).map((project) => `${project}:${target}`),
      ),
    ).then((lists) => lists.flat()),
    projectsWithTarget('test'),
    projectsWithTarget('integration'),
  ]);

  log.step('1/3 Lint, typecheck, build and unit tests…');
  const checks = await runNx(
    ['run-many', '-t', ...STATIC_TARGETS, 'test', '--parallel=2', '--outputStyle=static', '--nxBail=false'],
    { env: testEnv },
  );
  const checkCounts = countNxTasks(checks.output, staticTasks);
  const unit = countVitestSuite('unit', unitProjects, checkCounts.failedTasks, 'test');

  log.step('2/3 Integration tests (real PostgreSQL, Redis, NATS)…');
  const integrationRun = await runNx(
    ['run-many', '-t', 'integration', '--parallel=1', '--outputStyle=static', '--nxBail=false'],
    { env: testEnv },
  );
  const integration = countVitestSuite(
    'integration',
    integrationProjects,
    countNxTasks(integrationRun.output, []).failedTasks,
    'integration',
  );

  log.step(
    '3/3 End-to-end tests (Playwright, Chromium) against the platform as `npm start` runs it (single-node)…',
  );
  let e2e: TCount = ZERO;
  const appBuildsFailed = checkCounts.failedTasks.some((task) => task.endsWith(':build'));
  if (appBuildsFailed) {
    log.error('Skipping end-to-end tests: a build failed.');
    e2e = { passed: 0, failed: 1, skipped: 0 };
  } else {
    await runNx(['run', 'e2e:e2e', '--outputStyle=static'], { env: testEnv });
    log.step("   …and again in cluster mode (this machine's Redis and NATS)");
    await runNx(['run', 'e2e:e2e-cluster', '--outputStyle=static'], { env: testEnv });
    e2e = addCounts(
      ...['playwright.json', 'playwright-cluster.json'].map((file) => {
        const report = join(REPORT_DIR, file);
        return existsSync(report) ? countPlaywright(readJson(report)) : { passed: 0, failed: 1, skipped: 0 };
      }),
    );
  }

  const rows: Array<[string, TCount]> = [
    [`lint, typecheck, build (${staticTasks.length} Nx tasks)`, checkCounts],
    ['unit tests (Vitest)', unit],
    ['integration tests (Vitest, real services)', integration],
    ['end-to-end tests (Playwright, Chromium)', e2e],
  ];
  const total = addCounts(...rows.map(([, count]) => count));
  console.log(`\n${log.bold('Test summary')} (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`);
  for (const [label, count] of rows) console.log(`  ${label.padEnd(46)} ${formatCount(count)}`);
  if (checkCounts.failedTasks.length > 0)
    console.log(`  failed Nx tasks: ${checkCounts.failedTasks.join(', ')}`);
  console.log(
    `  reports: ${readdirSync(REPORT_DIR).length} files in test-output/reports, screenshots in test-output/e2e`,
  );
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed === 0 ? 0 : 1;
}
