// Runs generated components' Vitest tests for real: the files are written into a fresh folder of
// the checkout and one Vitest child process runs them all in happy-dom, reporting JSON.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TGeneratedFiles } from '@lumenforge/spark-generator';
import { createRunDir, findWorkspaceRoot, runNode, stripAnsi, writeFiles } from './run-dir';

export type TTestStatus = 'passed' | 'failed' | 'skipped';

export type TComponentTestResult = {
  name: string;
  passed: number;
  /** At least 1 whenever the run did not show every test passing (crash, timeout, no tests). */
  failed: number;
  tests: { name: string; status: TTestStatus; message?: string }[];
  durationMs: number;
  /** Why the tests could not run or report (a file that does not load, a crash, a timeout). */
  error?: string;
};

export type TRunComponentTestsOptions = {
  /** For the whole run, all components together (default 60 s). */
  timeoutMs?: number;
  /** The folder whose node_modules holds Vitest (default: found from the working directory up). */
  workspaceRoot?: string;
};

/** Vitest's JSON report (the Jest-compatible format), the parts read here. */
type TJsonReport = {
  testResults: {
    name: string;
    status: string;
    message: string;
    startTime?: number;
    endTime?: number;
    assertionResults: {
      fullName: string;
      status: string;
      failureMessages: string[];
      duration?: number | null;
    }[];
  }[];
};

const DEFAULT_TIMEOUT_MS = 60_000;
const MESSAGE_LIMIT = 2_000;

/** Each component in its own folder: variations of one prompt share their component's name. */
function componentFolder(index: number): string {
  return `component-${index}`;
}

/**
 * A Vitest config with no plugins: Vite's own transform compiles TSX with React's automatic
 * runtime, which is all generated code needs.
 */
function vitestConfig(timeoutMs: number): string {
  const testTimeout = Math.min(10_000, timeoutMs);
  return `export default {
  test: {
    include: ['component-*/*.test.tsx'],
    environment: 'happy-dom',
    watch: false,
    pool: 'threads',
    testTimeout: ${testTimeout},
    hookTimeout: ${testTimeout},
  },
};
`;
}

function failureResult(name: string, error: string, durationMs: number): TComponentTestResult {
  return {
    name,
    passed: 0,
    failed: 1,
    tests: [{ name: 'test file', status: 'failed', message: error }],
    durationMs,
    error,
  };
}

function toStatus(status: string): TTestStatus {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  return 'skipped'; // skipped, pending, todo
}

function clip(message: string): string {
  const clean = stripAnsi(message).trim();
  return clean.length > MESSAGE_LIMIT ? `${clean.slice(0, MESSAGE_LIMIT)}…` : clean;
}

/**
 * Runs every component's `<Name>.test.tsx` against its `<Name>.tsx` with Vitest in happy-dom, in
 * one child process, and returns one result per component in the given order. A test file that
 * does not load, a file without tests, a crashed or timed-out run are failures with an `error`,
 * never a pass.
 */
export async function runComponentTests(
  components: TGeneratedFiles[],
  options: TRunComponentTestsOptions = {},
): Promise<TComponentTestResult[]> {
  if (components.length === 0) return [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const root = findWorkspaceRoot(options.workspaceRoot);
  const run = await createRunDir(root);
  const started = Date.now();
  try {
    const files: Record<string, string> = { 'vitest.config.mjs': vitestConfig(timeoutMs) };
    components.forEach((component, index) => {
      files[`${componentFolder(index)}/${component.name}.tsx`] = component.source;
      files[`${componentFolder(index)}/${component.name}.test.tsx`] = component.tests;
    });
    await writeFiles(run.dir, files);
    const reportFile = join(run.dir, 'report.json');
    const outcome = await runNode(
      [
        join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'vitest.config.mjs',
        '--reporter=json',
        `--outputFile=${reportFile}`,
      ],
      run.dir,
      timeoutMs,
    );
    const elapsed = Date.now() - started;
    if (outcome.timedOut) {
      const error = `The tests did not finish within ${Math.round(timeoutMs / 1000)} s and were stopped.`;
      return components.map((component) => failureResult(component.name, error, elapsed));
    }
    const report = await readFile(reportFile, 'utf8')
      .then((text) => JSON.parse(text) as TJsonReport)
      .catch(() => null);
    if (!report) {
      const error = `Vitest stopped (exit ${outcome.code ?? outcome.signal}) without a report: ${clip(outcome.output)}`;
      return components.map((component) => failureResult(component.name, error, elapsed));
    }
    return components.map((component, index) => {
      const path = join(run.dir, componentFolder(index), `${component.name}.test.tsx`);
      const file = report.testResults.find((result) => result.name === path);
      if (!file) return failureResult(component.name, 'Vitest did not report this test file.', elapsed);
      const tests = file.assertionResults.map((assertion) => {
        const status = toStatus(assertion.status);
        const message = assertion.failureMessages.map(clip).join('\n');
        return message ? { name: assertion.fullName, status, message } : { name: assertion.fullName, status };
      });
      const durationMs = Math.round((file.endTime ?? 0) - (file.startTime ?? 0));
      if (tests.length === 0) {
        const error = file.message
          ? `The test file failed to run: ${clip(file.message)}`
          : 'The test file has no tests.';
        return failureResult(component.name, error, durationMs);
      }
      const failed = tests.filter((test) => test.status === 'failed').length;
      const result: TComponentTestResult = {
        name: component.name,
        passed: tests.filter((test) => test.status === 'passed').length,
        failed,
        tests,
        durationMs,
      };
      // A hook outside every test failed (beforeAll, afterAll): the file failed though its tests did not.
      if (file.status === 'failed' && failed === 0) {
        const error = clip(file.message) || 'The test file failed outside its tests.';
        result.tests.push({ name: 'test file', status: 'failed', message: error });
        result.failed = 1;
        result.error = error;
      }
      return result;
    });
  } finally {
    await run.remove();
  }
}
