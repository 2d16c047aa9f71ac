import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, pingRedis, type TRedisClient } from './client';
import { readRedisEnv, readRedisServerBin } from './env';
import { findFreePort, startRedisServer, waitForReady, type TRedisServerProcess } from './testing';

const MASTER_NAME = 'lfmaster';

/**
 * A private sentinel monitoring `masterPort`; no failover is exercised. Started as `redis-server <conf>
 * --sentinel` (what Debian's `redis-sentinel` runs), so only the redis-server package is needed.
 */
async function startSentinel(
  masterPort: number,
  dir: string,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await findFreePort();
  const conf = join(dir, 'sentinel.conf'); // must be writable: sentinel rewrites it
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      'daemonize no',
      `dir ${dir}`,
      `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${masterPort} 1`,
      `sentinel down-after-milliseconds ${MASTER_NAME} 60000`,
      '',
    ].join('\n'),
  );
  const child = spawn(readRedisServerBin(), [conf, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`sentinel did not start:\n${output}`)), 10_000);
    child.on('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('+monitor')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.stdout?.resume();
  return { port, child };
}

describe('Sentinel mode (private redis-server + sentinel)', () => {
  let server: TRedisServerProcess;
  let sentinel: { port: number; child: ChildProcess } | undefined;
  let client: TRedisClient | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'lf-sentinel-'));
  beforeAll(async () => {
    server = await startRedisServer();
    sentinel = await startSentinel(server.port, dir);
  });
  afterAll(async () => {
    client?.disconnect();
    if (sentinel && sentinel.child.exitCode === null) {
      const exited = new Promise((resolve) => sentinel?.child.once('exit', resolve));
      sentinel.child.kill('SIGKILL');
      await exited;
    }
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the sentinel for the master and connects to it', async () => {
    const env = readRedisEnv({
      REDIS_SENTINELS: `127.0.0.1:${sentinel?.port}`,
      REDIS_MASTER_NAME: MASTER_NAME,
    });
    client = createRedisClient(env, { connectionName: 'redis-lib:sentinel' });
    await waitForReady(client);
    expect((await pingRedis(client)).latencyMs).toBeGreaterThanOrEqual(0);
    const info = await client.info('server');
    expect(info).toMatch(new RegExp(`tcp_port:${server.port}\\b`));
    await client.set('lf_test:sentinel', 'ok', 'PX', 10_000);
    expect(await client.get('lf_test:sentinel')).toBe('ok');
  });
});
