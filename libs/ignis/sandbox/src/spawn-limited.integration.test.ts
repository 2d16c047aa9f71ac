import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIsolation } from './isolation';
import { SandboxError, spawnLimited, type TSpawnLimited } from './spawn-limited';

const GENEROUS = { cpuSeconds: 30, memoryMb: 1024, wallClockMs: 30_000 };
let root: string;
let work: string;

function collect(run: TSpawnLimited): Promise<string> {
  let out = '';
  run.child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  run.child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return run.done.then(() => out);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ignis-sandbox-test-'));
  work = join(root, 'work');
  mkdirSync(work);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('spawnLimited (real child processes)', () => {
  it('runs a command in its cwd and reports a clean exit', async () => {
    const run = spawnLimited({
      command: 'node',
      args: ['-e', 'console.log(process.cwd())'],
      cwd: work,
      limits: GENEROUS,
    });
    const out = await collect(run);
    const result = await run.done;
    expect(result).toMatchObject({ exitCode: 0, signal: null });
    expect(result.limitHit).toBeUndefined();
    expect(out.trim()).toBe(work);
    expect(run.isolation).toBe('process');
  });

  it('ends a runaway loop at the CPU limit with a clear message', async () => {
    const run = spawnLimited({
      command: 'node',
      args: ['-e', 'for(;;){}'],
      cwd: work,
      limits: { cpuSeconds: 1, memoryMb: 1024, wallClockMs: 20_000 },
    });
    const result = await run.done;
    expect(result.limitHit).toBe('cpu');
    expect(result.message).toMatch(/CPU time limit of 1 s exceeded/);
    expect(result.exitCode).toBeNull();
    expect(result.usage.wallMs).toBeLessThan(10_000);
  });

  it('ends a sleeping process at the wall-clock limit', async () => {
    const run = spawnLimited({
      command: 'node',
      args: ['-e', 'setTimeout(() => {}, 60_000)'],
      cwd: work,
      limits: { cpuSeconds: 30, memoryMb: 1024, wallClockMs: 800 },
    });
    const result = await run.done;
    expect(result.limitHit).toBe('wall-clock');
    expect(result.message).toMatch(/wall-clock limit of 0.8 s exceeded/);
    expect(result.usage.wallMs).toBeGreaterThanOrEqual(800);
    expect(result.usage.wallMs).toBeLessThan(5_000);
  });

  it('counts the whole process tree: a loop in a grandchild ends at the CPU limit', async () => {
    const run = spawnLimited({
      command: 'sh',
      args: ['-c', 'node -e "for(;;){}" & node -e "for(;;){}" & wait'],
      cwd: work,
      limits: { cpuSeconds: 2, memoryMb: 1024, wallClockMs: 20_000 },
    });
    const result = await run.done;
    expect(result.limitHit).toBe('cpu');
    expect(result.usage.cpuMs).toBeGreaterThan(2_000);
  });

  it('ends a memory hog at the memory limit', async () => {
    const run = spawnLimited({
      command: 'node',
      args: ['-e', 'const keep = []; setInterval(() => keep.push(Buffer.alloc(32 << 20, 1)), 20)'],
      cwd: work,
      limits: { cpuSeconds: 30, memoryMb: 200, wallClockMs: 20_000 },
    });
    const result = await run.done;
    expect(result.limitHit).toBe('memory');
    expect(result.message).toMatch(/memory limit of 200 MB exceeded/);
    // Killed at the first sample over the limit (rounded to 0.1 MB).
    expect(result.usage.peakRssMb).toBeGreaterThanOrEqual(200);
  });

  it('gives the child only the allow-listed environment', async () => {
    process.env['IGNIS_TEST_PLATFORM_SECRET'] = 'super-secret-value-123';
    try {
      const run = spawnLimited({
        command: 'node',
        args: ['-e', 'console.log(JSON.stringify(process.env))'],
        cwd: work,
        env: { GREETING: 'hello' },
        limits: GENEROUS,
      });
      const env = JSON.parse(await collect(run)) as Record<string, string>;
      expect(env['GREETING']).toBe('hello');
      expect(env['IGNIS_TEST_PLATFORM_SECRET']).toBeUndefined();
      expect(JSON.stringify(env)).not.toContain('super-secret-value-123');
      expect(Object.keys(env).sort()).toEqual(['GREETING', 'HOME', 'LANG', 'PATH', 'TMPDIR']);
      expect(env['HOME']).not.toBe(process.env['HOME']);
    } finally {
      delete process.env['IGNIS_TEST_PLATFORM_SECRET'];
    }
  });

  it('refuses to pass a platform secret value even under another name', () => {
    process.env['IGNIS_TEST_API_TOKEN'] = 'tok-abcdefgh-123';
    try {
      expect(() =>
        spawnLimited({ command: 'true', cwd: work, env: { HARMLESS: 'tok-abcdefgh-123' }, limits: GENEROUS }),
      ).toThrow(/HARMLESS carries the value of a platform secret/);
      expect(() =>
        spawnLimited({ command: 'true', cwd: work, env: { PATH: '/evil' }, limits: GENEROUS }),
      ).toThrow(/PATH is set by the sandbox/);
    } finally {
      delete process.env['IGNIS_TEST_API_TOKEN'];
    }
  });

  it('confines cwd to the allowed root, symlinks included', () => {
    const escape = join(work, 'escape');
    symlinkSync('/etc', escape);
    expect(() => spawnLimited({ command: 'true', cwd: escape, allowedRoot: work, limits: GENEROUS })).toThrow(
      SandboxError,
    );
    expect(() => spawnLimited({ command: 'true', cwd: escape, allowedRoot: work, limits: GENEROUS })).toThrow(
      /resolves outside the allowed root/,
    );
    expect(() => spawnLimited({ command: 'true', cwd: 'relative/dir', limits: GENEROUS })).toThrow(
      /absolute/,
    );
    expect(() => spawnLimited({ command: 'true', cwd: '/', limits: GENEROUS })).toThrow(/filesystem root/);
  });

  it('cancels through the AbortSignal and kills the children too', async () => {
    const controller = new AbortController();
    const run = spawnLimited({
      command: 'sh',
      args: ['-c', 'node -e "setInterval(()=>{},1000)" & echo started; wait'],
      cwd: work,
      limits: GENEROUS,
      signal: controller.signal,
    });
    const started = new Promise<void>((resolve) => run.child.stdout?.once('data', () => resolve()));
    await started;
    controller.abort();
    const result = await run.done;
    expect(result.limitHit).toBe('cancelled');
    expect(result.exitCode).toBeNull();
    expect(result.usage.wallMs).toBeLessThan(5_000);
  });

  it('has no network when network is "none" (where the machine supports it)', async () => {
    const isolation = describeIsolation();
    const script =
      "require('node:net').connect(4222,'127.0.0.1').on('connect',()=>{console.log('connected');process.exit(0)}).on('error',e=>{console.log(e.code);process.exit(0)})";
    const run = spawnLimited({
      command: 'node',
      args: ['-e', script],
      cwd: work,
      limits: GENEROUS,
      network: 'none',
    });
    const out = (await collect(run)).trim();
    if (isolation.networkNamespace) expect(out).toMatch(/ENETUNREACH|ECONNREFUSED/);
    else expect(['connected', 'ECONNREFUSED']).toContain(out);
  });

  it('describes the isolation honestly', () => {
    const isolation = describeIsolation();
    expect(isolation.mode).toBe('process');
    expect(isolation.summary).toMatch(/Process isolation/);
    expect(isolation.limitations.join(' ')).toMatch(/same OS user/);
  });
});
