// The totals of `npm test` against real output: Nx 23 runs captured with --outputStyle=static (a
// passing run, one with a failed typecheck, one that ran out of memory), a Vitest 4 JSON report
// with a test file that failed to load, and a Playwright JSON report with a test that passed on
// its retry. Nothing may count as passed without evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addTallies,
  closingLine,
  formatTally,
  parseNxRun,
  tallyNxTasks,
  tallyPlaywright,
  tallyStageExit,
  tallyVitest,
  tallyVitestSuite,
  type TPlaywrightReport,
  type TVitestReport,
} from './test-summary';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '__fixtures__', 'test-summary', name), 'utf8');
const jsonFixture = <T>(name: string) => JSON.parse(fixture(name)) as T;

const STATIC_TASKS = ['config:lint', 'config:typecheck', 'platform:lint', 'platform:typecheck'];

const passingReport: TVitestReport = {
  numPassedTests: 3,
  numFailedTests: 0,
  numPendingTests: 0,
  testResults: [
    {
      name: '/work/main/libs/shared/config/src/env.test.ts',
      status: 'passed',
      assertionResults: [
        { status: 'passed', title: 'a' },
        { status: 'passed', title: 'b' },
        { status: 'passed', title: 'c' },
      ],
    },
  ],
};

describe('Nx runs', () => {
  it('counts every task of a run that succeeded, and only then', () => {
    const nx = parseNxRun(fixture('nx-succeeded.txt'));
    expect(nx.closed).toBe(true);
    expect(tallyNxTasks(nx, STATIC_TASKS)).toMatchObject({ passed: 4, failed: 0 });
    expect(tallyStageExit('stage 1/3', 0, tallyNxTasks(nx, STATIC_TASKS)).failed).toBe(0);
  });

  it('fails the task Nx lists as failed and passes the others it ran', () => {
    const nx = parseNxRun(fixture('nx-failed.txt'));
    expect(nx.failed).toEqual(['platform:typecheck']);
    expect(tallyNxTasks(nx, STATIC_TASKS)).toMatchObject({
      passed: 3,
      failed: 1,
      failures: ['platform:typecheck: failed'],
    });
  });

  it('fails every task of a crashed Nx (out of memory: exit 134, no summary), even those it printed', () => {
    const nx = parseNxRun(fixture('nx-crashed.txt'));
    expect(nx.closed).toBe(false);
    expect(nx.finished).toEqual(new Set(['config:lint', 'platform:lint']));
    const tally = tallyNxTasks(nx, STATIC_TASKS);
    expect(tally).toMatchObject({ passed: 0, failed: 4 });
    expect(tally.failures[0]).toBe('config:lint: no result (Nx ended without its summary)');
  });

  it('reads task headers in the collapsed and the GitHub-grouped forms', () => {
    const nx = parseNxRun(
      [
        '✔  nx run config:lint',
        '::group::✅ > nx run ui:lint',
        '',
        ' NX   Successfully ran target lint for 2 projects',
      ].join('\n'),
    );
    expect(tallyNxTasks(nx, ['config:lint', 'ui:lint'])).toMatchObject({ passed: 2, failed: 0 });
  });

  it('fails an expected task Nx never mentioned', () => {
    const nx = parseNxRun(fixture('nx-succeeded.txt'));
    expect(tallyNxTasks(nx, [...STATIC_TASKS, 'ui:lint']).failures).toEqual([
      'ui:lint: no result (Nx did not run it)',
    ]);
  });

  it('fails tasks skipped after a failed dependency and tasks stopped mid-run', () => {
    // Nx 23's closing summary for such a run (static-run-many-terminal-output-life-cycle).
    const output = [
      '> nx run prisma:build',
      '> nx run config:lint',
      '',
      ' NX   Running targets lint, build for 3 projects did not complete',
      '',
      'Tasks not run because their dependencies failed or --nx-bail=true:',
      '',
      '- landing:build',
      '',
      'Tasks stopped before they finished:',
      '',
      '- slate:build',
      '',
    ].join('\n');
    const tally = tallyNxTasks(parseNxRun(output), ['config:lint', 'landing:build', 'slate:build']);
    expect(tally).toMatchObject({ passed: 1, failed: 2 });
    expect(tally.failures).toEqual([
      'landing:build: not run (a dependency failed)',
      'slate:build: stopped before it finished',
    ]);
  });

  it('reads coloured output as Nx prints it on a terminal', () => {
    const coloured = fixture('nx-failed.txt')
      .replace(
        ' NX   Running targets',
        '\u001b[1m\u001b[7m\u001b[31m NX \u001b[39m\u001b[27m\u001b[22m  \u001b[31mRunning targets',
      )
      .replace('- platform:typecheck', '\u001b[2m-\u001b[22m platform:typecheck');
    expect(parseNxRun(coloured).failed).toEqual(['platform:typecheck']);
  });

  it('turns a non-zero exit that names no failure into one failure named after the stage', () => {
    const nx = parseNxRun(fixture('nx-succeeded.txt'));
    const tally = tallyNxTasks(nx, STATIC_TASKS);
    expect(tallyStageExit('stage 2/3 (integration)', 1, tally).failures).toEqual([
      'stage 2/3 (integration): Nx exited with code 1 without naming a failed task or test',
    ]);
    // A crash before any task: nothing expected, nothing printed, still a failure.
    expect(tallyStageExit('stage 2/3 (integration)', 134, tallyNxTasks(parseNxRun(''), []))).toMatchObject({
      failed: 1,
    });
  });
});

describe('Vitest reports', () => {
  it('counts a test file that failed to load as a failure, named with its error', () => {
    const report = jsonFixture<TVitestReport>('vitest-broken-file.json');
    const tally = tallyVitest(report, 'config:test');
    expect(tally).toMatchObject({ passed: 1, failed: 2, skipped: 1 });
    expect(tally.failures).toEqual([
      "config:test /work/main/libs/shared/config/src/broken.test.ts: Cannot find module './does-not-exist' imported from /work/main/libs/shared/config/src/broken.test.ts",
      'config:test /work/main/libs/shared/config/src/ok.test.ts › fails',
    ]);
  });

  const nxPassed = parseNxRun(
    [
      '> nx run config:test',
      '> nx run tokens:test',
      '',
      ' NX   Successfully ran target test for 2 projects',
    ].join('\n'),
  );

  it('fails a project whose report is missing', () => {
    const tally = tallyVitestSuite({
      projects: ['config', 'tokens'],
      target: 'test',
      nx: nxPassed,
      readReport: (project) => (project === 'config' ? passingReport : null),
      reportName: (project) => `test-output/reports/vitest-${project}-unit.json`,
    });
    expect(tally).toMatchObject({ passed: 3, failed: 1 });
    expect(tally.failures).toEqual([
      'tokens:test: no Vitest report (test-output/reports/vitest-tokens-unit.json)',
    ]);
  });

  it('fails a project whose Nx task failed though its report is green (an unhandled error after the tests)', () => {
    const nx = parseNxRun(
      [
        '> nx run config:test',
        '',
        ' NX   Running target test for 1 project failed',
        '',
        'Failed tasks:',
        '',
        '- config:test',
      ].join('\n'),
    );
    const tally = tallyVitestSuite({
      projects: ['config'],
      target: 'test',
      nx,
      readReport: () => passingReport,
      reportName: () => 'unused',
    });
    expect(tally).toMatchObject({ passed: 3, failed: 1 });
    expect(tally.failures).toEqual(['config:test: failed, though its report has no failing test']);
  });

  it('fails every project of a crashed run that left no reports', () => {
    const tally = tallyVitestSuite({
      projects: ['config', 'tokens'],
      target: 'test',
      nx: parseNxRun(fixture('nx-crashed.txt')),
      readReport: () => null,
      reportName: (project) => `vitest-${project}-unit.json`,
    });
    expect(tally).toMatchObject({ passed: 0, failed: 2 });
    expect(tally.failures[0]).toBe(
      'config:test: no Vitest report (vitest-config-unit.json); the task: no result (Nx ended without its summary)',
    );
  });
});

describe('Playwright reports', () => {
  const report = jsonFixture<TPlaywrightReport>('playwright-flaky.json');

  it('counts a test that passed on its retry as passed and names it as flaky', () => {
    const tally = tallyPlaywright(report, 'e2e');
    expect(tally).toMatchObject({ passed: 2, failed: 1, skipped: 1 });
    expect(tally.flaky).toEqual(['e2e [landing] signin.spec.mjs › sign-in › passes on retry']);
    expect(tally.failures).toEqual(['e2e [landing] signin.spec.mjs › sign-in › always fails']);
    expect(formatTally(tally)).toBe('2 passed, 1 failed, 1 skipped (1 flaky)');
  });

  it('fails on errors outside any test (a web server that did not start)', () => {
    const tally = tallyPlaywright(
      { suites: [], errors: [{ message: 'Error: Timed out waiting 120000ms from config.webServer.\nmore' }] },
      'e2e (cluster)',
    );
    expect(tally.failures).toEqual([
      'e2e (cluster): Error: Timed out waiting 120000ms from config.webServer.',
    ]);
  });
});

describe('the closing line', () => {
  it('is exactly `N passed, N failed`, flaky tests counted as passed', () => {
    const total = addTallies(
      tallyPlaywright(jsonFixture<TPlaywrightReport>('playwright-flaky.json'), 'e2e'),
      tallyNxTasks(parseNxRun(fixture('nx-crashed.txt')), STATIC_TASKS),
    );
    expect(closingLine(total)).toBe('2 passed, 5 failed');
    expect(closingLine(total)).toMatch(/^\d+ passed, \d+ failed$/);
  });
});
