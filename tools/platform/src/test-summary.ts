// The totals `npm test` prints, from Nx's output and exit codes and the Vitest and Playwright JSON
// reports. Rule: nothing counts as passed without positive evidence. A task passes only when Nx
// printed its run and closed with a summary that does not list it as failed, skipped or stopped;
// a project without its report, a crash, a non-zero exit that names no failure: each is a failure,
// named so the summary can say what it was. Flaky Playwright tests (failed, then passed on retry)
// count as passed, as Playwright counts them, but are named in the summary.

/** One suite's or stage's tally; failures and flaky tests by name. */
export type TTally = {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
  flaky: string[];
};

export const EMPTY_TALLY: TTally = { passed: 0, failed: 0, skipped: 0, failures: [], flaky: [] };

export function addTallies(...tallies: TTally[]): TTally {
  return tallies.reduce(
    (total, tally) => ({
      passed: total.passed + tally.passed,
      failed: total.failed + tally.failed,
      skipped: total.skipped + tally.skipped,
      failures: [...total.failures, ...tally.failures],
      flaky: [...total.flaky, ...tally.flaky],
    }),
    EMPTY_TALLY,
  );
}

/** One failure that is not a test's: a crash, a missing report, a failed Nx task. */
export function failureOf(name: string): TTally {
  return { ...EMPTY_TALLY, failed: 1, failures: [name] };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

// ---------------------------------------------------------------------------------------- Vitest

export type TVitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ status: string; fullName?: string; title: string }>;
  }>;
};

/**
 * Totals of one Vitest JSON report. A test file that failed to load has no failed test in it (its
 * tests never ran), but it is a failure all the same, named with its error.
 */
export function tallyVitest(report: TVitestReport, label: string): TTally {
  const failures: string[] = [];
  let brokenFiles = 0;
  for (const file of report.testResults) {
    const failedTests = file.assertionResults.filter((assertion) => assertion.status === 'failed');
    for (const test of failedTests) failures.push(`${label} ${file.name} › ${test.fullName ?? test.title}`);
    if (file.status === 'failed' && failedTests.length === 0) {
      brokenFiles += 1;
      failures.push(
        `${label} ${file.name}: ${firstLine(file.message ?? '') || 'failed without a failed test'}`,
      );
    }
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    failures,
    flaky: [],
  };
}

// ------------------------------------------------------------------------------------ Playwright

type TPlaywrightSuite = {
  title: string;
  specs?: Array<{ title: string; tests: Array<{ projectName: string; status: string }> }>;
  suites?: TPlaywrightSuite[];
};

export type TPlaywrightReport = {
  suites: TPlaywrightSuite[];
  errors?: Array<{ message?: string }>;
};

/**
 * Totals of one Playwright JSON report, test by test: `expected` passed, `unexpected` failed,
 * `flaky` (failed, then passed on a retry) passed and named as flaky, `skipped` skipped. Errors
 * outside tests (global setup, a web server that did not start) are failures.
 */
export function tallyPlaywright(report: TPlaywrightReport, label: string): TTally {
  const tally = { ...EMPTY_TALLY, failures: [] as string[], flaky: [] as string[] };
  const visit = (suite: TPlaywrightSuite, path: string[]) => {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests) {
        const name = `${label} [${test.projectName}] ${[...here, spec.title].join(' › ')}`;
        if (test.status === 'expected') tally.passed += 1;
        else if (test.status === 'flaky') {
          tally.passed += 1;
          tally.flaky.push(name);
        } else if (test.status === 'skipped') tally.skipped += 1;
        else {
          tally.failed += 1;
          tally.failures.push(name);
        }
      }
    for (const child of suite.suites ?? []) visit(child, here);
  };
  for (const suite of report.suites) visit(suite, []);
  for (const error of report.errors ?? []) {
    tally.failed += 1;
    tally.failures.push(`${label}: ${firstLine(error.message ?? '') || 'error outside the tests'}`);
  }
  return tally;
}

// ------------------------------------------------------------------------------------------- Nx

/** What an `nx run-many --outputStyle=static` printed about its tasks. */
export type TNxRunSummary = {
  /** Tasks whose run Nx printed (`> nx run project:target`), whatever their result. */
  finished: Set<string>;
  failed: string[];
  /** Not run because a dependency failed. */
  skipped: string[];
  /** Killed before they finished. */
  stopped: string[];
  /** Nx printed its closing summary ("Successfully ran …" or "… failed"/"did not complete"). */
  closed: boolean;
};

// eslint-disable-next-line no-control-regex -- strips ANSI colour codes from Nx's output
const ANSI_CODES = /\u001b\[[0-9;]*m/g;

const SUMMARY_LISTS = {
  failed: 'Failed tasks:',
  skipped: 'Tasks not run because their dependencies failed or --nx-bail=true:',
  stopped: 'Tasks stopped before they finished:',
} as const;

export function parseNxRun(output: string): TNxRunSummary {
  const lines = output.replace(ANSI_CODES, '').replace(/\r/g, '').split('\n');
  const finished = new Set<string>();
  for (const line of lines) {
    // `> nx run app:build  [local cache]` (full output), `✔  nx run app:build` (collapsed), each
    // behind `::group::✅ ` when Nx groups output for GitHub Actions.
    const match = /^(?:::group::\S+ )?(?:> |✔ +)nx run (\S+)/u.exec(line);
    if (match?.[1]) finished.add(match[1]);
  }
  const closing = lines.findLastIndex((line) =>
    /^ NX {3}(Successfully ran .+|Running .+ (failed|did not complete))$/.test(line),
  );
  const listAfter = (heading: string): string[] => {
    if (closing < 0) return [];
    const start = lines.indexOf(heading, closing);
    if (start < 0) return [];
    const tasks: string[] = [];
    for (const line of lines.slice(start + 1)) {
      const task = /^- (\S+:\S+)$/.exec(line)?.[1];
      if (task) tasks.push(task);
      else if (line.trim() !== '') break;
    }
    return tasks;
  };
  return {
    finished,
    failed: listAfter(SUMMARY_LISTS.failed),
    skipped: listAfter(SUMMARY_LISTS.skipped),
    stopped: listAfter(SUMMARY_LISTS.stopped),
    closed: closing >= 0,
  };
}

/** Why `task` did not pass, or null when Nx shows it passed. */
export function nxTaskProblem(summary: TNxRunSummary, task: string): string | null {
  if (summary.failed.includes(task)) return 'failed';
  if (summary.skipped.includes(task)) return 'not run (a dependency failed)';
  if (summary.stopped.includes(task)) return 'stopped before it finished';
  if (!summary.closed) return 'no result (Nx ended without its summary)';
  if (!summary.finished.has(task)) return 'no result (Nx did not run it)';
  return null;
}

/** Each expected task: passed when Nx shows it passed, otherwise a failure named with the reason. */
export function tallyNxTasks(summary: TNxRunSummary, expectedTasks: readonly string[]): TTally {
  return addTallies(
    ...expectedTasks.map((task) => {
      const problem = nxTaskProblem(summary, task);
      return problem ? failureOf(`${task}: ${problem}`) : { ...EMPTY_TALLY, passed: 1 };
    }),
  );
}

/**
 * The Vitest suite of `projects` run as Nx target `target`: every project's report must exist; a
 * project whose Nx task failed though its report names no failure (a crash after the tests, an
 * unhandled error, a coverage threshold) adds a failure too.
 */
export function tallyVitestSuite(options: {
  projects: readonly string[];
  target: string;
  nx: TNxRunSummary;
  /** The project's report, or null when it is missing or unreadable. */
  readReport: (project: string) => TVitestReport | null;
  reportName: (project: string) => string;
}): TTally {
  return addTallies(
    ...options.projects.map((project) => {
      const task = `${project}:${options.target}`;
      const report = options.readReport(project);
      if (!report) {
        const problem = nxTaskProblem(options.nx, task);
        return failureOf(
          `${task}: no Vitest report (${options.reportName(project)})${problem ? `; the task: ${problem}` : ''}`,
        );
      }
      const tally = tallyVitest(report, task);
      const problem = nxTaskProblem(options.nx, task);
      if (problem && tally.failed === 0)
        return addTallies(tally, failureOf(`${task}: ${problem}, though its report has no failing test`));
      return tally;
    }),
  );
}

/**
 * A stage (one Nx invocation) that exited non-zero must show as failed even when nothing in it
 * could be attributed: then it adds one failure named after the stage.
 */
export function tallyStageExit(stage: string, exitCode: number, stageTally: TTally): TTally {
  if (exitCode === 0 || stageTally.failed > 0) return EMPTY_TALLY;
  return failureOf(`${stage}: Nx exited with code ${exitCode} without naming a failed task or test`);
}

export function formatTally(tally: TTally): string {
  return (
    `${tally.passed} passed, ${tally.failed} failed` +
    (tally.skipped ? `, ${tally.skipped} skipped` : '') +
    (tally.flaky.length ? ` (${tally.flaky.length} flaky)` : '')
  );
}

/** The closing line CI reads: exactly `N passed, N failed`, alone on its line. */
export function closingLine(total: TTally): string {
  return `${total.passed} passed, ${total.failed} failed`;
}
