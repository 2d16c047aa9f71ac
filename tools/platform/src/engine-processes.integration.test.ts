import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { findFreePort } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_PROCESSES, supervisedEngineProcess } from './engine-processes';
import { Supervisor } from './supervisor';

async function health(port: number): Promise<{ status?: string; pid?: number } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return (await response.json()) as { status?: string };
  } catch {
    return null;
  }
}

describe('engine processes under the platform supervisor', () => {
  let testDb: TTestDatabase;
  let home: string;
  let supervisor: Supervisor | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'lf-engines-'));
  });
  afterAll(async () => {
    await supervisor?.stopAll();
    await testDb?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it('starts the IGNIS engine, lists it with the apps, and restarts it when it is killed', async () => {
    const spec = ENGINE_PROCESSES.find((candidate) => candidate.id === 'ignis-engine');
    if (!spec) throw new Error('ignis-engine is not in ENGINE_PROCESSES');
    const port = await findFreePort();
    const env = {
      PATH: process.env['PATH'],
      DATABASE_URL: testDb.url,
      LUMENFORGE_HOME: home,
      IGNIS_HMR_PORT: String(port),
      IGNIS_ENGINE_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'warn',
    };
    supervisor = new Supervisor({
      processes: [supervisedEngineProcess({ ...spec, port }, { env, bindHost: '127.0.0.1' })],
      readyTimeoutMs: 60_000,
      policy: { initialBackoffMs: 200 },
    });
    await supervisor.startAll();
    expect((await health(port))?.status).toBe('ok');
    const first = supervisor.status('ignis-engine');
    expect(first).toMatchObject({
      state: 'running',
      port,
      url: `http://127.0.0.1:${port}`,
      restarts: 0,
    });

    // A crash (SIGKILL of whatever listens on the port) is followed by a restart after the backoff.
    const pid = execFileSync('sh', [
      '-c',
      `ss -ltnpH 'sport = :${port}' | sed -n 's/.*pid=\\([0-9]*\\).*/\\1/p' | head -1`,
    ])
      .toString()
      .trim();
    expect(Number(pid)).toBeGreaterThan(0);
    process.kill(Number(pid), 'SIGKILL');
    await expect
      .poll(
        () => {
          const status = supervisor?.status('ignis-engine');
          return status && `${status.state} after ${status.restarts} restart(s)`;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe('running after 1 restart(s)');
    expect((await health(port))?.status).toBe('ok');
    expect(supervisor.status('ignis-engine').lastExit).toMatchObject({ signal: 'SIGKILL' });
  });

  it('a worker without a health endpoint is ready once it stayed up, and stays stopped when stopped', async () => {
    const builder = ENGINE_PROCESSES.find((candidate) => candidate.id === 'ignis-builder');
    if (!builder) throw new Error('ignis-builder is not in ENGINE_PROCESSES');
    const worker = supervisedEngineProcess(builder, {
      env: { PATH: process.env['PATH'], DATABASE_URL: testDb.url, LUMENFORGE_HOME: home, LOG_LEVEL: 'warn' },
      bindHost: '127.0.0.1',
    });
    expect(worker).toMatchObject({ port: null, url: null, healthUrl: null });
    const workers = new Supervisor({ processes: [worker], readyTimeoutMs: 60_000 });
    try {
      await workers.startAll();
      expect(workers.status('ignis-builder')).toMatchObject({ state: 'running', pid: expect.any(Number) });
      expect(await workers.stop('ignis-builder')).toMatchObject({ state: 'stopped', pid: null, restarts: 0 });
    } finally {
      await workers.stopAll();
    }
  });
});
