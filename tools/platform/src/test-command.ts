import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createEnv } from '@lumenforge/config';
import { ZPostgresUrlSchema } from '@lumenforge/db/env';
import { z } from 'zod';
import { ensureChromium } from './chromium';
import { WORKSPACE_ROOT } from './env';
import { log } from './log';
import { runNx, type TNxRun } from './nx';
import {
  addTallies,
  closingLine,
  EMPTY_TALLY,
  failureOf,
  formatTally,
  nxTaskProblem,
  parseNxRun,
  tallyNxTasks,
  tallyPlaywright,
  tallyStageExit,
  tallyVitestSuite,
  type TNxRunSummary,
  type TPlaywrightReport,
  type TTally,
  type TVitestReport,
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

/** A JSON report, or null when it is missing or unreadable (a run that crashed while writing it). */
function readReport<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

const vitestReportName = (suite: 'unit' | 'integration') => (project: string) =>
  `test-output/reports/vitest-${project}-${suite}.json`;

/** The Vitest suite of one Nx run, and a failure for the run itself if it exited non-zero unexplained. */
function tallyVitestStage(
  suite: 'unit' | 'integration',
  projects: readonly string[],
  run: TNxRun,
  staticTasks: readonly string[],
  stage: string,
): { tally: TTally; staticTally: TTally; nx: TNxRunSummary } {
  const nx = parseNxRun(run.output);
  const staticTally = tallyNxTasks(nx, staticTasks);
  const tests = tallyVitestSuite({
    projects,
    target: suite === 'unit' ? 'test' : 'integration',
    nx,
    readReport: (project) =>
      readReport<TVitestReport>(join(WORKSPACE_ROOT, vitestReportName(suite)(project))),
    reportName: vitestReportName(suite),
  });
  const exit = tallyStageExit(stage, run.code, addTallies(staticTally, tests));
  return { tally: addTallies(tests, exit), staticTally, nx };
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
  const checksRun = await runNx(
    ['run-many', '-t', ...STATIC_TARGETS, 'test', '--parallel=2', '--outputStyle=static', '--nxBail=false'],
    { env: testEnv },
  );
  const checks = tallyVitestStage(
    'unit',
    unitProjects,
    checksRun,
    staticTasks,
    'stage 1/3 (lint, typecheck, build, unit)',
  );

  log.step('2/3 Integration tests (real PostgreSQL, Redis, NATS)…');
  const integrationRun = await runNx(
    ['run-many', '-t', 'integration', '--parallel=1', '--outputStyle=static', '--nxBail=false'],
    { env: testEnv },
  );
  const integration = tallyVitestStage(
    'integration',
    integrationProjects,
    integrationRun,
    [],
    'stage 2/3 (integration)',
  ).tally;

  log.step(
    '3/3 End-to-end tests (Playwright, Chromium) against the platform as `npm start` runs it (single-node)…',
  );
  let e2e: TTally = EMPTY_TALLY;
  const buildsPassed = staticTasks
    .filter((task) => task.endsWith(':build'))
    .every((task) => nxTaskProblem(checks.nx, task) === null);
  if (!buildsPassed) {
    log.error('Skipping end-to-end tests: a build did not pass.');
    e2e = failureOf('end-to-end tests: not run because a build did not pass');
  } else {
    const passes = [
      { target: 'e2e:e2e', report: 'playwright.json', label: 'e2e' },
      { target: 'e2e:e2e-cluster', report: 'playwright-cluster.json', label: 'e2e (cluster)' },
    ];
    const tallies: TTally[] = [];
    for (const [index, pass] of passes.entries()) {
      if (index === 1) log.step("   …and again in cluster mode (this machine's Redis and NATS)");
      const run = await runNx(['run', pass.target, '--outputStyle=static'], { env: testEnv });
      const report = readReport<TPlaywrightReport>(join(REPORT_DIR, pass.report));
      const tally = report
        ? tallyPlaywright(report, pass.label)
        : failureOf(`${pass.label}: no Playwright report (test-output/reports/${pass.report})`);
      tallies.push(tally, tallyStageExit(`stage 3/3 (${pass.target})`, run.code, tally));
    }
    e2e = addTallies(...tallies);
  }

  const rows: Array<[string, TTally]> = [
    [`lint, typecheck, build (${staticTasks.length} Nx tasks)`, checks.staticTally],
    ['unit tests (Vitest)', checks.tally],
    ['integration tests (Vitest, real services)', integration],
    ['end-to-end tests (Playwright, Chromium)', e2e],
  ];
  const total = addTallies(...rows.map(([, tally]) => tally));
  console.log(`\n${log.bold('Test summary')} (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`);
  for (const [label, tally] of rows) console.log(`  ${label.padEnd(46)} ${formatTally(tally)}`);
  printNamed('failed', total.failures);
  printNamed('flaky (failed, then passed on a retry; counted as passed)', total.flaky);
  console.log(
    `  reports: ${readdirSync(REPORT_DIR).length} files in test-output/reports, screenshots in test-output/e2e`,
  );
  console.log(closingLine(total));
  return total.failed === 0 ? 0 : 1;
}

const NAMED_LIMIT = 40;

function printNamed(heading: string, names: readonly string[]): void {
  if (names.length === 0) return;
  console.log(`  ${heading}:`);
  for (const name of names.slice(0, NAMED_LIMIT)) console.log(`    - ${name}`);
  if (names.length > NAMED_LIMIT) console.log(`    … and ${names.length - NAMED_LIMIT} more`);
}
