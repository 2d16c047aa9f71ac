import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer, type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { containerAvailability, describeIsolation } from '@lumenforge/ignis-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('runComponentTests (Vitest in happy-dom, in the IGNIS sandbox)', () => {
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

const containers = containerAvailability();
const { networkNamespace } = describeIsolation();
if (!containers.inForce)
  console.warn(`[spark-verify] container sandbox test skipped (process isolation here): ${containers.reason}`);
if (!containers.inForce && !networkNamespace)
  console.warn('[spark-verify] network test skipped: neither containers nor a network namespace are available');

/** A generated test that passes only when it can reach 127.0.0.1:`port` (as the server's user could). */
const testThatConnects = (port: number) => `import { connect } from 'node:net';
import { expect, it } from 'vitest';

it('reaches a server on the host', async () => {
  const outcome = await new Promise<string>((resolve) => {
    const socket = connect(${port}, '127.0.0.1');
    socket.on('connect', () => {
      socket.end();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(String(error.code)));
  });
  expect(outcome).toBe('connected');
});
`;

/** A generated test that passes only when it can read the workspace's package.json (outside its folder). */
const testThatReadsOutside = (path: string) => `import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('reads a file outside its folder', () => {
  expect(readFileSync(${JSON.stringify(path)}, 'utf8')).toContain('"name"');
});
`;

describe('runComponentTests sandbox (ignis-sandbox: limits, no network, a container where in force)', () => {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.end();
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.skipIf(!containers.inForce && !networkNamespace)(
    'refuses a generated test a network connection that this process can open',
    async () => {
      // The server is reachable from here: the refusal below is the sandbox's doing.
      await new Promise<void>((resolve, reject) =>
        connect(port, '127.0.0.1').on('connect', resolve).on('error', reject),
      );
      await expect.poll(() => connections).toBe(1);

      const [result] = await runComponentTests([{ ...GOOD_COUNTER, tests: testThatConnects(port) }]);
      expect(result).toMatchObject({ passed: 0, failed: 1 });
      expect(result?.tests[0]).toMatchObject({
        name: 'reaches a server on the host',
        status: 'failed',
        message: expect.stringMatching(/expected '(ECONNREFUSED|ENETUNREACH|EACCES|EPERM)' to be 'connected'/),
      });
      expect(connections).toBe(1);
    },
  );

  it.skipIf(!containers.inForce)(
    'in a container, a generated test cannot read a file outside its folder',
    async () => {
      const outside = join(findWorkspaceRoot(), 'package.json');
      expect(existsSync(outside)).toBe(true);
      const [result] = await runComponentTests([{ ...GOOD_COUNTER, tests: testThatReadsOutside(outside) }]);
      expect(result).toMatchObject({ passed: 0, failed: 1 });
      expect(result?.tests[0]?.message).toMatch(/ENOENT/);
    },
  );

  it('ends an endless test at the CPU-time limit and reports it as failed, naming the limit', async () => {
    const started = Date.now();
    const results = await runComponentTests([GOOD_COUNTER, COUNTER_WITH_ENDLESS_TEST], {
      timeoutMs: 120_000,
      cpuSeconds: 8,
    });
    // Well before the wall clock: the CPU limit ended it.
    expect(Date.now() - started).toBeLessThan(90_000);
    for (const result of results)
      expect(result).toMatchObject({
        passed: 0,
        failed: 1,
        error: expect.stringMatching(/^The tests were stopped: CPU time limit of 8 s exceeded/),
      });
  });
});
