import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_IMAGE, SANDBOX_UID } from './container';
import { describeIsolation } from './isolation';
import { spawnLimited, type TLimits, type TSpawnLimited, type TSpawnLimitedOptions } from './spawn-limited';
import { containersNamed, ensureBaseImageForTests } from './testing/base-image';

// Real podman containers from the base image (docker/base/build-base-image.sh, built here when missing).
const skipReason = ensureBaseImageForTests();
if (skipReason) console.warn(`[ignis-sandbox] container tests skipped: ${skipReason}`);

const GENEROUS: TLimits = { cpuSeconds: 30, memoryMb: 512, wallClockMs: 30_000 };
const PLATFORM_PACKAGE_JSON = resolve(import.meta.dirname, '../../../../package.json');
let root: string;
let work: string;

function inContainer(
  script: string,
  options: Partial<TSpawnLimitedOptions> = {},
): { run: TSpawnLimited; output: Promise<string> } {
  const run = spawnLimited({
    command: process.execPath,
    args: ['-e', script],
    cwd: work,
    allowedRoot: root,
    limits: GENEROUS,
    network: 'none',
    container: {},
    ...options,
  });
  let out = '';
  run.child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  run.child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { run, output: run.done.then(() => out.trim()) };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ignis-container-test-'));
  work = join(root, 'work');
  mkdirSync(work);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(skipReason !== null)('spawnLimited in a podman container (real podman, base image)', () => {
  it('runs the command in the base image as uid 10001 in its work dir, and reports container isolation', async () => {
    const { run, output } = inContainer(
      "require('node:fs').writeFileSync('out.txt', 'written'); console.log(process.getuid(), process.version, process.cwd())",
    );
    expect(run.isolation).toBe('container');
    expect(run.containerName).toMatch(/^ignis-sandbox-[0-9a-f]{12}$/);
    expect(await output).toBe(`${SANDBOX_UID} ${process.version} ${work}`);
    expect((await run.done).exitCode).toBe(0);
    // The work dir is the one writable place, and what is written there is on the host.
    expect(readFileSync(join(work, 'out.txt'), 'utf8')).toBe('written');
    const report = describeIsolation('build');
    expect(report.mode).toBe('container');
    expect(report.image).toBe(BUILD_IMAGE);
    expect(report.summary).toMatch(/Container isolation \(podman\).*no network/);
    // Dev sessions are not containers, and their report says so.
    expect(describeIsolation().mode).toBe('process');
    expect(describeIsolation().limitations.join(' ')).toMatch(/dev sessions run as processes/);
  });

  it('cannot reach the network: not the platform on 127.0.0.1:5432, not an outside address', async () => {
    const { output } = inContainer(
      `const net = require('node:net');
       const probe = (port, host) => new Promise((done) => net.connect(port, host)
         .on('connect', () => done(host + ':connected')).on('error', (e) => done(host + ':' + e.code)));
       Promise.all([probe(5432, '127.0.0.1'), probe(443, '1.1.1.1'),
         fetch('https://registry.npmjs.org/').then(() => 'fetch:ok', (e) => 'fetch:' + (e.cause?.code ?? e.message))])
         .then((r) => console.log(r.join(' ')))`,
    );
    expect(await output).toMatch(
      /^127\.0\.0\.1:ECONNREFUSED 1\.1\.1\.1:ENETUNREACH fetch:(EAI_AGAIN|ENOTFOUND)$/,
    );
  });

  it("sees neither the platform's secrets nor its files, and cannot write outside its work dir", async () => {
    process.env['IGNIS_TEST_DATABASE_PASSWORD'] = 'platform-secret-4711';
    try {
      const { output } = inContainer(
        `const fs = require('node:fs');
         const tryWrite = (path) => { try { fs.writeFileSync(path, 'x'); return 'wrote'; } catch (e) { return e.code; } };
         console.log(JSON.stringify({ env: process.env, platform: fs.existsSync(${JSON.stringify(PLATFORM_PACKAGE_JSON)}),
           usr: tryWrite('/usr/local/bin/evil'), etc: tryWrite('/etc/evil') }))`,
        { env: { GREETING: 'hello' } },
      );
      const seen = JSON.parse(await output) as {
        env: Record<string, string>;
        platform: boolean;
        usr: string;
        etc: string;
      };
      expect(JSON.stringify(seen.env)).not.toContain('platform-secret-4711');
      expect(seen.env['GREETING']).toBe('hello');
      // The caller's variables, the sandbox's own, and what podman and the image set (no host variables).
      expect(Object.keys(seen.env).sort()).toEqual(
        [
          'GREETING',
          'HOME',
          'HOSTNAME',
          'LANG',
          'NODE_VERSION',
          'PATH',
          'TERM',
          'TMPDIR',
          'container',
        ].sort(),
      );
      expect(seen.platform).toBe(false);
      expect(seen.usr).toBe('EROFS');
      expect(seen.etc).toBe('EROFS');
    } finally {
      delete process.env['IGNIS_TEST_DATABASE_PASSWORD'];
    }
  });

  it('ends a memory hog at the memory limit (LIMIT_MEMORY semantics)', async () => {
    const { run } = inContainer(
      'const keep = []; setInterval(() => keep.push(Buffer.alloc(32 << 20, 1)), 20)',
      {
        limits: { cpuSeconds: 30, memoryMb: 200, wallClockMs: 20_000 },
      },
    );
    const result = await run.done;
    expect(result.limitHit).toBe('memory');
    expect(result.message).toMatch(/memory limit of 200 MB exceeded/);
    expect(result.usage.wallMs).toBeLessThan(15_000);
  });

  it('ends a runaway loop at the CPU limit, and a sleeper at the wall-clock limit', async () => {
    const loop = inContainer('for (;;) {}', {
      limits: { cpuSeconds: 2, memoryMb: 512, wallClockMs: 20_000 },
    });
    const sleeper = inContainer('setTimeout(() => {}, 60_000)', {
      limits: { cpuSeconds: 30, memoryMb: 512, wallClockMs: 1_500 },
    });
    const [cpu, wall] = await Promise.all([loop.run.done, sleeper.run.done]);
    expect(cpu.limitHit).toBe('cpu');
    expect(cpu.message).toMatch(/CPU time limit of 2 s exceeded.*container was killed/);
    // Sampled every 100 ms, and the kernel's RLIMIT_CPU may end it between two samples.
    expect(cpu.usage.cpuMs).toBeGreaterThanOrEqual(1_500);
    expect(wall.limitHit).toBe('wall-clock');
    expect(wall.message).toMatch(/wall-clock limit of 1.5 s exceeded/);
    expect(wall.usage.wallMs).toBeLessThan(8_000);
  });

  it('cancel kills the container and leaves none behind', async () => {
    const controller = new AbortController();
    const { run } = inContainer("console.log('started'); setInterval(() => {}, 1000)", {
      signal: controller.signal,
    });
    await new Promise<void>((resolve) => run.child.stdout?.once('data', () => resolve()));
    expect(containersNamed(run.containerName as string)).toEqual([run.containerName]);
    controller.abort();
    const result = await run.done;
    expect(result.limitHit).toBe('cancelled');
    expect(result.usage.wallMs).toBeLessThan(10_000);
    // Only this run's container: other suites (SPARK's test runs) may have theirs running meanwhile.
    expect(containersNamed(run.containerName as string)).toEqual([]);
  });

  it('IGNIS_ISOLATION=process turns containers off, IGNIS_ISOLATION=bogus is refused by name', async () => {
    process.env['IGNIS_ISOLATION'] = 'process';
    try {
      const { run, output } = inContainer('console.log(process.getuid())');
      expect(run.isolation).toBe('process');
      expect(await output).toBe(String(process.getuid?.()));
      expect(describeIsolation('build').mode).toBe('process');
      expect(describeIsolation('build').limitations.join(' ')).toMatch(/IGNIS_ISOLATION=process/);
      process.env['IGNIS_ISOLATION'] = 'bogus';
      expect(() => inContainer('0')).toThrow(/IGNIS_ISOLATION must be one of auto, container, process/);
    } finally {
      delete process.env['IGNIS_ISOLATION'];
    }
  });
});
