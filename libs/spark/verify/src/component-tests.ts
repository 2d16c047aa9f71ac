// Runs generated components' Vitest tests for real: the files are written into a fresh folder of
// the checkout and one Vitest run in the IGNIS sandbox (a podman container where containers are in
// force, else a limited process without network) runs them all in happy-dom, reporting JSON.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { spawnLimited, type TSpawnLimitedResult } from '@lumenforge/ignis-sandbox';
import type { TGeneratedFiles } from '@lumenforge/spark-generator';
import { createRunDir, findWorkspaceRoot, stripAnsi, writeFiles } from './run-dir';

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
  /** CPU time of the whole run (Vitest and its workers), in seconds (default 120). */
  cpuSeconds?: number;
  /** Resident memory of the whole run, in MB (default 1536). */
  memoryMb?: number;
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
const DEFAULT_CPU_SECONDS = 120;
const CPU_SECONDS_PER_COMPONENT = 15;
const DEFAULT_MEMORY_MB = 1_536;
const MESSAGE_LIMIT = 2_000;
const OUTPUT_TAIL = 8_000;

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
  // Vite's cache in the run folder, not in the workspace's node_modules (read-only in a container).
  cacheDir: '.vite-cache',
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
    const outcome = await runVitestSandboxed(root, run.dir, reportFile, {
      // One Vitest run for all components: its CPU budget grows with their number.
      cpuSeconds: options.cpuSeconds ?? DEFAULT_CPU_SECONDS + CPU_SECONDS_PER_COMPONENT * components.length,
      memoryMb: options.memoryMb ?? DEFAULT_MEMORY_MB,
      wallClockMs: timeoutMs,
    });
    const elapsed = Date.now() - started;
    if (outcome.limitHit) {
      const error =
        outcome.limitHit === 'wall-clock'
          ? `The tests did not finish within ${Math.round(timeoutMs / 1000)} s and were stopped.`
          : `The tests were stopped: ${outcome.message ?? `${outcome.limitHit} limit exceeded`}.`;
      return components.map((component) => failureResult(component.name, error, elapsed));
    }
    const report = await readFile(reportFile, 'utf8')
      .then((text) => JSON.parse(text) as TJsonReport)
      .catch(() => null);
    if (!report) {
      const error = `Vitest stopped (exit ${outcome.exitCode ?? outcome.signal}) without a report: ${clip(outcome.message ? `${outcome.message}\n${outcome.output}` : outcome.output)}`;
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

/**
 * `vitest run` in the IGNIS sandbox: no network, CPU/memory/wall-clock limits, a clean environment, the
 * run folder as working directory (inside the verify work root). In a container the workspace's
 * node_modules is a throw-away overlay (Vite's config loader writes `.vite-temp` there) and nothing
 * else of the host is visible.
 */
async function runVitestSandboxed(
  root: string,
  runDir: string,
  reportFile: string,
  limits: { cpuSeconds: number; memoryMb: number; wallClockMs: number },
): Promise<TSpawnLimitedResult & { output: string }> {
  const nodeModules = join(root, 'node_modules');
  const sandboxed = spawnLimited({
    command: process.execPath,
    args: [
      join(nodeModules, 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      'vitest.config.mjs',
      '--reporter=json',
      `--outputFile=${reportFile}`,
    ],
    cwd: runDir,
    allowedRoot: dirname(runDir),
    env: { NODE_ENV: 'test', NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC', CI: '1' },
    limits,
    network: 'none',
    container: {
      overlayPaths: [nodeModules],
      scratchPaths: ['.vite-temp', '.vite'].map((name) => join(nodeModules, name)),
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  sandboxed.child.stdout?.on('data', collect);
  sandboxed.child.stderr?.on('data', collect);
  const result = await sandboxed.done;
  return { ...result, output };
}
