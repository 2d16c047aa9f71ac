/** Parsing of the reports `npm test` totals: Vitest JSON, Playwright JSON and Nx's run summary. */
export type TCount = { passed: number; failed: number; skipped: number };

export const ZERO: TCount = { passed: 0, failed: 0, skipped: 0 };

export function addCounts(...counts: TCount[]): TCount {
  return counts.reduce(
    (total, count) => ({
      passed: total.passed + count.passed,
      failed: total.failed + count.failed,
      skipped: total.skipped + count.skipped,
    }),
    ZERO,
  );
}

type TVitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
};

/** A test file that failed to load has no failed test in it, but it is a failure all the same. */
export function countVitest(report: TVitestReport): TCount {
  const brokenFiles = report.testResults.filter(
    (file) =>
      file.status === 'failed' && !file.assertionResults.some((assertion) => assertion.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
  };
}

type TPlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
};

/** Flaky tests passed on retry and count as passed; errors outside tests (global setup) count as failures. */
export function countPlaywright(report: TPlaywrightReport): TCount {
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + (report.errors?.length ?? 0),
    skipped: report.stats.skipped,
  };
}

/** Task results of an `nx run-many` from its closing summary ("Failed tasks:" list). */
export function countNxTasks(
  output: string,
  expectedTasks: readonly string[],
): TCount & { failedTasks: string[] } {
  // eslint-disable-next-line no-control-regex -- strips ANSI colour codes from Nx's output
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const failedSection = plain.split(/Failed tasks:/)[1] ?? '';
  const failedTasks = [...failedSection.matchAll(/^\s*-\s+(\S+:\S+)/gm)].map((match) => match[1] ?? '');
  const known = new Set(expectedTasks);
  const failedKnown = failedTasks.filter((task) => known.has(task));
  return {
    passed: expectedTasks.length - failedKnown.length,
    failed: failedKnown.length,
    skipped: 0,
    failedTasks,
  };
}

export function formatCount(count: TCount): string {
  return `${count.passed} passed, ${count.failed} failed${count.skipped ? `, ${count.skipped} skipped` : ''}`;
}
