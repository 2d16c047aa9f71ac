import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runComponentTests } from './component-tests';
import { findWorkspaceRoot } from './run-dir';
import {
  COUNTER_WITH_BROKEN_TEST_FILE,
  COUNTER_WITH_ENDLESS_TEST,
  COUNTER_WITH_FAILING_TEST,
  GOOD_COUNTER,
} from './verify-fixtures';

const RUNS_DIR = join(findWorkspaceRoot(), '.lumenforge', 'spark-verify');
/** Run folders holding this test's files (other processes, SPARK's API among them, may run meanwhile). */
const runsOfThisTest = async () =>
  (await readdir(RUNS_DIR).catch(() => [] as string[])).filter((run) =>
    existsSync(join(RUNS_DIR, run, 'component-2/Counter.test.tsx')),
  );

describe('runComponentTests (Vitest in happy-dom, a child process)', () => {
  it('reports passing and failing tests per component from one run, and leaves no files behind', async () => {
    const [good, failing, broken] = await runComponentTests([
      GOOD_COUNTER,
      COUNTER_WITH_FAILING_TEST,
      COUNTER_WITH_BROKEN_TEST_FILE,
    ]);
    expect(good).toMatchObject({
      name: 'Counter',
      passed: 2,
      failed: 0,
      tests: [
        { name: 'Counter counts clicks and reports them', status: 'passed' },
        { name: 'Counter starts from the initial count', status: 'passed' },
      ],
    });
    expect(good?.error).toBeUndefined();
    expect(good?.durationMs).toBeGreaterThan(0);

    // The same component name in the same run: each variation is tested against its own files.
    expect(failing).toMatchObject({ name: 'Counter', passed: 1, failed: 1 });
    expect(failing?.tests[1]).toMatchObject({
      name: 'Counter starts from the initial count',
      status: 'failed',
      message: expect.stringMatching(/expected 'Clicks: 5' to be 'Clicks: 6'/),
    });
    expect(failing?.tests[1]?.message).not.toContain('\u001b[');

    expect(broken).toMatchObject({
      passed: 0,
      failed: 1,
      error: expect.stringMatching(/the test file breaks while loading/),
    });
    expect(await runsOfThisTest()).toEqual([]);
  });

  it('stops a run that does not finish and reports every component as failed, not passed', async () => {
    const started = Date.now();
    const results = await runComponentTests([GOOD_COUNTER, COUNTER_WITH_ENDLESS_TEST], { timeoutMs: 15_000 });
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(results).toEqual([
      expect.objectContaining({
        passed: 0,
        failed: 1,
        error: expect.stringMatching(/did not finish within 15 s/),
      }),
      expect.objectContaining({
        passed: 0,
        failed: 1,
        error: expect.stringMatching(/did not finish within 15 s/),
      }),
    ]);
  });

  it('answers an empty list without starting Vitest', async () => {
    expect(await runComponentTests([])).toEqual([]);
  });
});
