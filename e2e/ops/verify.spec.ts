import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { childEnv } from './env';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../..');
const OPS_CLI = resolve(WORKSPACE_ROOT, 'tools/ops/src/cli.ts');

type TRun = { code: number; stdout: string; stderr: string };

/** `npm run ops -- verify` as a child process, against the running single-node platform. */
function runOps(args: readonly string[], env: Record<string, string> = {}): Promise<TRun> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', OPS_CLI, ...args],
      {
        cwd: WORKSPACE_ROOT,
        // Emptied as the Playwright config's webServer does: the platform under test is the
        // single-node one (embedded PostgreSQL), whatever services the test command's shell has.
        env: childEnv({ DATABASE_URL: '', REDIS_URL: '', REDIS_SENTINELS: '', NATS_URL: '', ...env }),
        timeout: 90_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

/** A port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The TOTAL row of the report's execution summary. */
function totals(report: string): { total: number; passed: number; failed: number; skipped: number } {
  const match = /^\| \*\*TOTAL\*\* \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|/m.exec(report);
  if (!match) throw new Error(`no TOTAL row in the report:\n${report}`);
  const [, total, passed, failed, skipped] = match.map(Number);
  return { total: total ?? 0, passed: passed ?? 0, failed: failed ?? 0, skipped: skipped ?? 0 };
}

test.describe('[OPS][VERIFY]: npm run ops -- verify', () => {
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(120_000);

  // eslint-disable-next-line no-empty-pattern -- Playwright needs the fixture object; no fixture is used
  test('passes against the running single-node platform and writes the report', async ({}, testInfo) => {
    const reportPath = testInfo.outputPath('verify-report.md');
    const run = await runOps(['verify', '--report', reportPath]);
    expect(run.stderr).not.toContain('ops:');
    expect(run.code, run.stdout).toBe(0);
    const report = await readFile(reportPath, 'utf8');
    await testInfo.attach('verify-report.md', { path: reportPath, contentType: 'text/markdown' });
    const sum = totals(report);
    expect(sum.failed).toBe(0);
    expect(sum.passed + sum.skipped).toBe(sum.total);
    expect(sum.passed).toBeGreaterThanOrEqual(20);
    expect(report).toContain('### Infrastructure Status: ✅ **OPERATIONAL**');
    for (const app of ['Landing', 'Slate', 'Ignition', 'Spark', 'Ignis', 'Waypoint'])
      expect(report).toMatch(new RegExp(`\\| ${app} /api/health \\| \\S+ \\| ✅ PASS \\|`));
    expect(report).toMatch(/\| PostgreSQL write\/read\/delete \| \S+ \| ✅ PASS \|/);
    expect(report).toMatch(
      /\| Delivery to a live subscriber \(PostgreSQL outbox\) \| wissil\.system\.maintenance \| ✅ PASS \|/,
    );
    // Single-node: no Redis, NATS or replica; shown as skipped, never as passed.
    expect(report).toMatch(/\| Redis SET\/GET\/DEL \| - \| ⏭ SKIP \| - \| not configured/);
    expect(report).toMatch(/\| Replica replay lag \| - \| ⏭ SKIP \|/);
  });

  // eslint-disable-next-line no-empty-pattern -- as above
  test('reports an unreachable service with its reason and exits 1', async ({}, testInfo) => {
    const [redisPort, appPort] = [await closedPort(), await closedPort()];
    const reportPath = testInfo.outputPath('verify-report-failure.md');
    const run = await runOps(['verify', '--report', reportPath], {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      WAYPOINT_URL: `http://127.0.0.1:${appPort}`,
    });
    expect(run.code, run.stdout).toBe(1);
    const report = await readFile(reportPath, 'utf8');
    await testInfo.attach('verify-report-failure.md', { path: reportPath, contentType: 'text/markdown' });
    expect(totals(report).failed).toBeGreaterThanOrEqual(3);
    expect(report).toContain('### Infrastructure Status: ❌ **DEGRADED**');
    expect(report).toMatch(
      new RegExp(`\\| Redis \\| 127\\.0\\.0\\.1:${redisPort} \\| ❌ FAIL \\| [^|]+ \\| connection refused`),
    );
    expect(report).toMatch(
      /\| Redis SET\/GET\/DEL \| [^|]+ \| ❌ FAIL \| [^|]+ \| .*(ECONNREFUSED|refused|did not answer)/,
    );
    expect(report).toMatch(
      new RegExp(
        `\\| Waypoint /api/health \\| http://127\\.0\\.0\\.1:${appPort}/api/health \\| ❌ FAIL \\| [^|]+ \\| .*ECONNREFUSED`,
      ),
    );
    expect(report).toMatch(/### 4\.2 Immediate Actions\n\n1\. \*\*/);
    // The rest of the platform still passes.
    expect(report).toMatch(/\| Landing \/api\/health \| \S+ \| ✅ PASS \|/);
    expect(run.stdout).toMatch(/checks: \d+ passed, [1-9]\d* failed/);
  });
});
