import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { findFreePort } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_PROCESSES, startEngineProcesses, type TEngineProcesses } from './engine-processes';

async function health(port: number): Promise<{ status?: string; pid?: number } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return (await response.json()) as { status?: string };
  } catch {
    return null;
  }
}

describe('engine processes under the platform runner', () => {
  let testDb: TTestDatabase;
  let home: string;
  let engines: TEngineProcesses | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'lf-engines-'));
  });
  afterAll(async () => {
    await engines?.stopAll();
    await testDb?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it('starts the IGNIS engine, and restarts it when it is killed', async () => {
    const spec = ENGINE_PROCESSES.find((candidate) => candidate.id === 'ignis-engine');
    expect(spec).toBeDefined();
    const port = await findFreePort();
    engines = startEngineProcesses({
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: testDb.url,
        LUMENFORGE_HOME: home,
        IGNIS_HMR_PORT: String(port),
        IGNIS_ENGINE_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'warn',
      },
      bindHost: '127.0.0.1',
      specs: spec ? [{ ...spec, port }] : [],
    });
    await engines.ready;
    expect((await health(port))?.status).toBe('ok');

    // A crash (here: SIGKILL of whatever listens on the port) is followed by a restart after the backoff.
    const { execFileSync } = await import('node:child_process');
    const pid = execFileSync('sh', ['-c', `ss -ltnpH 'sport = :${port}' | sed -n 's/.*pid=\\([0-9]*\\).*/\\1/p' | head -1`])
      .toString()
      .trim();
    expect(Number(pid)).toBeGreaterThan(0);
    process.kill(Number(pid), 'SIGKILL');
    await expect.poll(() => health(port), { timeout: 5_000 }).toBeNull();
    await expect.poll(async () => (await health(port))?.status, { timeout: 30_000, interval: 300 }).toBe('ok');
  });
});
