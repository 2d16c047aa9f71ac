import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { standaloneServerPath } from './app-processes';
import { WORKSPACE_ROOT } from './env';

/** Runs a command to its exit; resolves with the exit code and everything it printed. */
async function runToExit(command: string, args: string[], env: Record<string, string | undefined>) {
  const child = spawn(command, args, {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

let blocker: Server | undefined;
afterEach(async () => {
  if (blocker) await new Promise((resolveClose) => blocker?.close(resolveClose));
  blocker = undefined;
});

describe('app start-up', () => {
  it('stops a production app at boot with a message naming the invalid variable', async () => {
    const { code, output } = await runToExit(process.execPath, [standaloneServerPath('slate')], {
      DATABASE_URL: 'mysql://root@127.0.0.1/slate',
      PORT: '0',
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
    });
    expect(code).toBe(1);
    expect(output).toContain('slate: invalid configuration');
    expect(output).toMatch(/DATABASE_URL: .*postgres/);
  });

  it('stops a production app at boot when a required variable is missing', async () => {
    const { code, output } = await runToExit(process.execPath, [standaloneServerPath('waypoint')], {
      DATABASE_URL: '',
      PORT: '0',
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_URL: is required/);
  });

  it('npm start names the app and the port when a port is taken, before starting anything', async () => {
    blocker = createServer();
    await new Promise<void>((resolveListen, reject) => {
      blocker?.once('error', reject);
      blocker?.listen(3004, '127.0.0.1', resolveListen);
    });
    const { code, output } = await runToExit(
      process.execPath,
      [join(WORKSPACE_ROOT, 'tools/platform/bootstrap.mjs'), 'start'],
      {
        DATABASE_URL: '',
        LUMENFORGE_HOME: join(WORKSPACE_ROOT, '.lumenforge', 'port-test'),
      },
    );
    expect(code).toBe(1);
    expect(output).toContain('Port 3004 is already in use, so Ignis cannot start on it.');
    expect(output).not.toContain('Starting the embedded PostgreSQL');
  });
});
