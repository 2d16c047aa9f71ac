import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { TSystemId } from '@lumenforge/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { probeHealth } from './app-processes';
import {
  ControlRequestError,
  controlApp,
  controlSocketPath,
  listApps,
  PlatformNotRunningError,
  requestControl,
  type TAppStatus,
} from './control-client';
import { startControlServer, type TControlServer } from './control-server';
import { WORKSPACE_ROOT } from './env';
import { Supervisor, type TRestartPolicy } from './supervisor';

// Tiny stand-ins for the apps: real child processes that serve /api/health on an ephemeral port
// (never 3000-3005 or 3100), or exit with code 1, as FAKE_MODE says.
//   healthy    serves { status: "ok" }
//   slow       the same, after 700 ms
//   unhealthy  answers 503 { status: "down" }
//   late       answers 503 for its first 2 s, then { status: "ok" }
//   crash      exits with code 1 after 100 ms
//   stubborn   healthy, but ignores SIGTERM (the grace period's SIGKILL ends it)
const FAKE_APP = `
const http = require('node:http');
const mode = process.env.FAKE_MODE;
const startedAt = Date.now();
const serve = () => http
  .createServer((req, res) => {
    const ok = mode !== 'unhealthy' && (mode !== 'late' || Date.now() - startedAt > 2000);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'down' }));
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
if (mode === 'crash') setTimeout(() => process.exit(1), 100);
else setTimeout(serve, mode === 'slow' ? 700 : 0);
process.on('SIGTERM', () => { if (mode !== 'stubborn') process.exit(0); });
`;

type TFakeMode = 'healthy' | 'slow' | 'unhealthy' | 'late' | 'crash' | 'stubborn';
const APP_IDS = ['slate', 'spark', 'ignis'] as const satisfies readonly TSystemId[];
const FAST_POLICY: Partial<TRestartPolicy> = {
  initialBackoffMs: 200,
  maxBackoffMs: 500,
  maxCrashes: 5,
  crashWindowMs: 60_000,
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  await new Promise((resolveClose) => server.close(resolveClose));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
}

/** A supervisor over fake apps; `modes` decides how each spawn of an app behaves. */
async function fakePlatform(
  options: {
    modes?: Partial<Record<TSystemId, TFakeMode | ((spawnNumber: number) => TFakeMode)>>;
    policy?: Partial<TRestartPolicy>;
    readyTimeoutMs?: number;
    stopGraceMs?: number;
  } = {},
) {
  const ports = Object.fromEntries(
    await Promise.all(APP_IDS.map(async (id) => [id, await freePort()] as const)),
  );
  const spawns: Record<string, number[]> = {};
  const transitions: Array<{ id: string; state: string; at: number }> = [];
  const children: ChildProcess[] = [];
  const supervisor = new Supervisor({
    processes: APP_IDS.map((id) => ({
      id,
      name: id,
      port: ports[id] ?? 0,
      url: `http://127.0.0.1:${ports[id]}`,
      healthUrl: `http://127.0.0.1:${ports[id]}/api/health`,
      spawn: () => {
        const times = (spawns[id] ??= []);
        times.push(Date.now());
        const mode = options.modes?.[id] ?? 'healthy';
        const child = spawn(process.execPath, ['-e', FAKE_APP], {
          env: {
            PATH: process.env.PATH,
            PORT: String(ports[id]),
            FAKE_MODE: typeof mode === 'function' ? mode(times.length) : mode,
          },
          stdio: 'ignore',
        });
        children.push(child);
        return child;
      },
    })),
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
    stopGraceMs: options.stopGraceMs ?? 2_000,
    policy: { ...FAST_POLICY, ...options.policy },
    onStateChange: (status) => transitions.push({ id: status.id, state: status.state, at: Date.now() }),
  });
  cleanups.push(async () => {
    await supervisor.stopAll();
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const health = (id: TSystemId) => probeHealth(`http://127.0.0.1:${ports[id]}/api/health`, 1_000);
  return { supervisor, spawns, transitions, health };
}

let cleanups: Array<() => Promise<void>> = [];
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  vi.restoreAllMocks();
});

const loggedErrors = () => consoleError.mock.calls.map((call: unknown[]) => String(call[0])).join('\n');

describe('Supervisor', () => {
  it('restarts a crashed app with exponential backoff (capped) and counts the restarts', async () => {
    // SPARK crashes on its first three starts, then stays up.
    const { supervisor, spawns, transitions } = await fakePlatform({
      modes: { spark: (spawnNumber) => (spawnNumber <= 3 ? 'crash' : 'healthy') },
    });
    await expect(supervisor.start('spark')).rejects.toThrow(/spark exited \(1\) before it became healthy/);
    await waitFor(() => supervisor.status('spark').state === 'running', 'spark running after its restarts');

    const status = supervisor.status('spark');
    expect(status.restarts).toBe(3);
    expect(status.pid).toEqual(expect.any(Number));
    expect(status.lastExit).toMatchObject({ code: 1, signal: null });
    expect(spawns['spark']).toHaveLength(4);
    // Each restart waited 200, 400, then 500 ms (800 capped) after the exit before it.
    const sparkStates = transitions.filter((transition) => transition.id === 'spark');
    expect(sparkStates.map((transition) => transition.state)).toEqual([
      'starting',
      'restarting',
      'starting',
      'restarting',
      'starting',
      'restarting',
      'starting',
      'running',
    ]);
    const waits = sparkStates.flatMap((transition, index) =>
      transition.state === 'restarting' ? [(sparkStates[index + 1]?.at ?? 0) - transition.at] : [],
    );
    expect(waits).toHaveLength(3);
    [200, 400, 500].forEach((expected, index) => {
      expect(waits[index]).toBeGreaterThanOrEqual(expected - 5);
      expect(waits[index]).toBeLessThan(expected + 280); // 500 + 280 < 800: the cap held
    });
    expect(loggedErrors()).toMatch(/spark exited unexpectedly \(code 1\); restarting it in 0\.2 s/);
  });

  it('gives up after 5 unexpected exits within the window: failed, not restarted, the others keep running', async () => {
    const { supervisor, spawns, health } = await fakePlatform({
      modes: { spark: 'crash' },
      policy: { initialBackoffMs: 50, maxBackoffMs: 100 },
    });
    const slate = await supervisor.start('slate');
    expect(slate.state).toBe('running');
    await expect(supervisor.start('spark')).rejects.toThrow(/exited/);
    await waitFor(() => supervisor.status('spark').state === 'failed', 'spark failed');

    await delay(600); // several backoffs' worth: nothing restarts it
    const spark = supervisor.status('spark');
    expect(spark).toMatchObject({
      state: 'failed',
      pid: null,
      restarts: 4,
      lastExit: { code: 1, signal: null },
    });
    expect(spawns['spark']).toHaveLength(5);
    expect(loggedErrors()).toContain('npm run app -- start spark');
    expect(supervisor.status('slate')).toMatchObject({ state: 'running', pid: slate.pid, restarts: 0 });
    expect(await health('slate')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('an app that stays up past the reset time starts its backoff again from the first step', async () => {
    const { supervisor, transitions, spawns } = await fakePlatform({
      modes: { ignis: (spawnNumber) => (spawnNumber === 2 ? 'crash' : 'healthy') },
      policy: { initialBackoffMs: 150, maxBackoffMs: 5_000, resetBackoffAfterMs: 400 },
    });
    await supervisor.start('ignis');
    // Crash 1 after a short life: 150 ms; crash 2 (the second spawn crashes at once): 300 ms.
    const kill = (signal: NodeJS.Signals) => {
      const { pid } = supervisor.status('ignis');
      if (!pid) throw new Error('ignis is not running');
      process.kill(pid, signal);
    };
    kill('SIGKILL');
    await waitFor(
      () => (spawns['ignis']?.length ?? 0) === 3 && supervisor.status('ignis').state === 'running',
      'third start',
    );
    await delay(500); // stays up longer than resetBackoffAfterMs
    kill('SIGKILL');
    await waitFor(
      () => supervisor.status('ignis').state === 'running' && (spawns['ignis']?.length ?? 0) === 4,
      'fourth start',
    );
    const states = transitions.filter((transition) => transition.id === 'ignis');
    const waits = states.flatMap((transition, index) =>
      transition.state === 'restarting' ? [(states[index + 1]?.at ?? 0) - transition.at] : [],
    );
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeLessThan(450); // 150
    expect(waits[1]).toBeGreaterThanOrEqual(295); // 300
    expect(waits[2]).toBeLessThan(450); // back to 150, not 600
    expect(supervisor.status('ignis')).toMatchObject({
      restarts: 3,
      lastExit: { code: null, signal: 'SIGKILL' },
    });
  });

  it('start waits for /api/health; stop keeps the app stopped', async () => {
    const { supervisor, spawns, transitions, health } = await fakePlatform({ modes: { slate: 'slow' } });
    const startedAt = Date.now();
    const started = await supervisor.start('slate');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(650);
    expect(started.state).toBe('running');
    expect(await health('slate')).toMatchObject({ status: 200 });
    expect(transitions.map((transition) => transition.state)).toEqual(['starting', 'running']);

    const stopped = await supervisor.stop('slate');
    expect(stopped).toMatchObject({ state: 'stopped', pid: null, lastExit: { code: 0, signal: null } });
    await delay(800); // longer than any backoff of this policy
    expect(supervisor.status('slate').state).toBe('stopped');
    expect(spawns['slate']).toHaveLength(1);
    expect(await health('slate')).toHaveProperty('error');
    expect(loggedErrors()).not.toMatch(/unexpectedly/);

    // A start asked for after a stop asked for is not a crash restart.
    const again = await supervisor.start('slate');
    expect(again).toMatchObject({ state: 'running', restarts: 0 });
  });

  it('stop sends SIGKILL after the grace period to an app that ignores SIGTERM', async () => {
    const { supervisor } = await fakePlatform({ modes: { spark: 'stubborn' }, stopGraceMs: 300 });
    await supervisor.start('spark');
    const stoppedAt = Date.now();
    const stopped = await supervisor.stop('spark');
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(290);
    expect(stopped).toMatchObject({ state: 'stopped', lastExit: { signal: 'SIGKILL' } });
  });

  it('startAll: an app that exits at boot rejects the boot and is marked failed, not restarted', async () => {
    const { supervisor, spawns } = await fakePlatform({ modes: { ignis: 'crash' } });
    await expect(supervisor.startAll()).rejects.toThrow(/ignis exited \(1\) before it became healthy/);
    await delay(400);
    expect(supervisor.status('ignis').state).toBe('failed');
    expect(spawns['ignis']).toHaveLength(1);
  });

  it('stopAll stops every app and cancels pending restarts', async () => {
    const { supervisor, spawns } = await fakePlatform({
      modes: { spark: 'crash' },
      policy: { initialBackoffMs: 300 },
    });
    await supervisor.start('slate');
    await supervisor.start('spark').catch(() => undefined);
    await waitFor(() => supervisor.status('spark').state === 'restarting', 'spark restarting');
    await supervisor.stopAll();
    await delay(500);
    expect(supervisor.list().map((app) => [app.id, app.state, app.pid])).toEqual([
      ['slate', 'stopped', null],
      ['spark', 'stopped', null],
      ['ignis', 'stopped', null],
    ]);
    expect(spawns['spark']).toHaveLength(1);
  });
});

describe('control channel', () => {
  let home: string;
  beforeEach(async () => {
    // A short path: Unix socket paths are limited to ~100 bytes.
    home = await mkdtemp(join(tmpdir(), 'lf-ctl-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
  });

  async function serve(supervisor: Supervisor): Promise<TControlServer> {
    const server = await startControlServer({ home, supervisor });
    cleanups.push(() => server.close());
    return server;
  }

  it('answers GET /apps and stop/start/restart over a real Unix socket (0600)', async () => {
    const { supervisor, health } = await fakePlatform({ modes: { spark: 'slow' } });
    await supervisor.start('slate');
    const server = await serve(supervisor);
    expect(server.socketPath).toBe(join(home, 'platform.sock'));
    expect((await stat(server.socketPath)).mode & 0o777).toBe(0o600);

    const apps = await listApps({ home });
    expect(apps.map((app) => [app.id, app.state])).toEqual([
      ['slate', 'running'],
      ['spark', 'stopped'],
      ['ignis', 'stopped'],
    ]);
    const slate = apps[0] as TAppStatus;
    expect(slate).toEqual({
      id: 'slate',
      name: 'slate',
      port: expect.any(Number),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      state: 'running',
      pid: expect.any(Number),
      restarts: 0,
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastExit: null,
    });

    const stopped = await controlApp('stop', 'slate', { home });
    expect(stopped).toMatchObject({ state: 'stopped', pid: null, lastExit: { code: 0 } });
    expect(supervisor.status('slate').state).toBe('stopped');

    // The answer comes once SPARK is healthy (it listens after 700 ms).
    const started = await controlApp('start', 'spark', { home });
    expect(started).toMatchObject({ state: 'running', pid: expect.any(Number) });
    expect(await health('spark')).toMatchObject({ status: 200 });

    const restarted = await controlApp('restart', 'spark', { home });
    // A restart asked for is not counted as a crash restart.
    expect(restarted).toMatchObject({ state: 'running', restarts: 0 });
    expect(restarted.pid).not.toBe(started.pid);
    expect((await listApps({ home })).find((app) => app.id === 'slate')?.state).toBe('stopped');
  });

  it('404 for an unknown app (naming the valid ids) or route, 405 for a wrong method', async () => {
    const { supervisor } = await fakePlatform();
    await serve(supervisor);

    const unknown = await requestControl('POST', '/apps/nope/stop', { home });
    expect(unknown).toEqual({
      status: 404,
      body: { error: 'No app "nope"; the apps are slate, spark, ignis.' },
    });
    await expect(controlApp('start', 'nope', { home })).rejects.toMatchObject({
      name: 'ControlRequestError',
      status: 404,
    });
    expect((await requestControl('GET', '/nothing', { home })).status).toBe(404);
    expect((await requestControl('POST', '/apps/slate/explode', { home })).status).toBe(404);

    const wrongList = await requestControl('POST', '/apps', { home });
    expect(wrongList.status).toBe(405);
    expect(wrongList.body).toEqual({ error: expect.stringContaining('use GET') });
    const wrongAction = await requestControl('GET', '/apps/slate/stop', { home });
    expect(wrongAction.status).toBe(405);
    expect(supervisor.status('slate').state).toBe('stopped');
  });

  it('a start that does not become healthy in time answers 504 with the last probe', async () => {
    const { supervisor } = await fakePlatform({ modes: { ignis: 'unhealthy' }, readyTimeoutMs: 1_000 });
    await serve(supervisor);
    const error = await controlApp('start', 'ignis', { home }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ControlRequestError);
    expect(error).toMatchObject({
      status: 504,
      body: {
        error: expect.stringContaining('Not healthy after 1 s'),
        app: { id: 'ignis', state: 'starting' },
        lastProbe: { status: 503, body: { status: 'down' } },
      },
    });
  });

  it('an app that becomes healthy after its start timed out is running, not starting forever', async () => {
    const { supervisor } = await fakePlatform({ modes: { ignis: 'late' }, readyTimeoutMs: 1_000 });
    await expect(supervisor.start('ignis')).rejects.toThrow(/Not healthy after 1 s/);
    expect(supervisor.status('ignis').state).toBe('starting');
    await waitFor(() => supervisor.status('ignis').state === 'running', 'ignis running once healthy', 10_000);
    expect(supervisor.status('ignis')).toMatchObject({ restarts: 0, pid: expect.any(Number) });
  });

  it('removes a stale socket at start, refuses a live one, and removes its own on close', async () => {
    const socketPath = controlSocketPath(home);
    // A platform killed with SIGKILL leaves its socket file behind.
    const orphan = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`,
    ]);
    await once(orphan.stdout, 'data');
    orphan.kill('SIGKILL');
    await once(orphan, 'exit');
    expect(existsSync(socketPath)).toBe(true);
    await expect(listApps({ home })).rejects.toBeInstanceOf(PlatformNotRunningError);

    const { supervisor } = await fakePlatform();
    const server = await startControlServer({ home, supervisor });
    expect(await listApps({ home })).toHaveLength(3);
    await expect(startControlServer({ home, supervisor })).rejects.toThrow(
      `Another LumenForge platform is running from LUMENFORGE_HOME=${home}`,
    );
    await server.close();
    expect(existsSync(socketPath)).toBe(false);
  });
});

describe('CLI (npm run apps / npm run app)', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'lf-cli-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
  });

  async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, LUMENFORGE_HOME: home, NO_COLOR: '1' };
    delete env['DATABASE_URL'];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(WORKSPACE_ROOT, 'tools/platform/src/cli.ts'), ...args],
      {
        cwd: WORKSPACE_ROOT,
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  }

  it('says clearly that no platform runs from LUMENFORGE_HOME and exits 1', async () => {
    const apps = await cli('apps');
    expect(apps.code).toBe(1);
    expect(apps.stderr).toContain(
      `No LumenForge platform is running from LUMENFORGE_HOME=${home}; start it with npm start.`,
    );
    const stop = await cli('app', 'stop', 'spark');
    expect(stop.code).toBe(1);
    expect(stop.stderr).toContain('No LumenForge platform is running');
  });

  it('prints the apps table and stops an app of a running platform; names the valid ids for an unknown one', async () => {
    const { supervisor } = await fakePlatform();
    await supervisor.start('slate');
    await startControlServer({ home, supervisor }).then((server) => cleanups.push(() => server.close()));

    const apps = await cli('apps');
    expect(apps.code).toBe(0);
    const lines = apps.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PROCESS\s+STATE\s+PID\s+RESTARTS\s+FOR\s+URL\s+LAST EXIT$/);
    expect(lines[1]).toMatch(new RegExp(`^slate\\s+running\\s+${supervisor.status('slate').pid}\\s+0\\s`));
    expect(lines[2]).toMatch(/^spark\s+stopped\s+-\s+0\s/);

    const stop = await cli('app', 'stop', 'slate');
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain('slate: stopped');
    expect(supervisor.status('slate').state).toBe('stopped');

    const unknown = await cli('app', 'restart', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No app "nope"; the apps are slate, spark, ignis.');

    const usage = await cli('app', 'explode', 'slate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('app restart <id>');
  });
});
