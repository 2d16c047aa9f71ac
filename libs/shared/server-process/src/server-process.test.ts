import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from './free-port';
import { startServerProcess, type TServerProcess } from './server-process';

// A tiny TCP server in a child Node process stands in for redis-server / nats-server.
const serverScript = (port: number) =>
  `require('node:net').createServer((s) => s.end('hi')).listen(${port}, '127.0.0.1', () => console.log('listening'))`;

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startServerProcess', () => {
  let server: TServerProcess | undefined;
  afterEach(async () => server?.stop());

  it('starts, stops and restarts a server on the same port', async () => {
    const port = await findFreePort();
    server = await startServerProcess({
      label: `test server on ${port}`,
      bin: process.execPath,
      args: ['-e', serverScript(port)],
      readyPattern: /listening/,
    });
    expect(await connects(port)).toBe(true);
    await server.stop();
    expect(server.isRunning()).toBe(false);
    expect(await connects(port)).toBe(false);
    await server.start();
    expect(await connects(port)).toBe(true);
    expect(server.output()).toContain('listening');
  });

  it('rejects with the output when the server exits before it is ready', async () => {
    await expect(
      startServerProcess({
        label: 'broken server',
        bin: process.execPath,
        args: ['-e', 'console.error("bad config"); process.exit(3)'],
        readyPattern: /listening/,
      }),
    ).rejects.toThrow(/broken server exited \(3\) before it was ready:\nbad config/);
  });
});
