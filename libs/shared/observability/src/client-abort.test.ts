import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isClientAbort } from './client-abort';

const FIXTURE = fileURLToPath(new URL('./client-abort.fixture.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx/esm');

type TServer = { child: ChildProcessWithoutNullStreams; port: number; output: () => string };

async function startServer(guard: boolean): Promise<TServer> {
  const child = spawn(process.execPath, ['--import', TSX, FIXTURE, ...(guard ? ['--guard'] : [])]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fixture did not start: ${output}`)), 15_000);
    child.stdout.on('data', () => {
      const match = /PORT (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port, output: () => output };
}

/** POSTs a JSON body and closes the connection 100 ms later, before the 300 ms answer. */
async function postAndHangUp(port: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/previews' });
    req.on('error', () => resolve());
    req.end('{"entry":"src/main.tsx"}');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 100);
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function post(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('a client that hangs up mid-request (Next 16 body path through proxy.ts)', () => {
  let server: TServer | undefined;
  afterEach(() => {
    server?.child.kill();
    server = undefined;
  });

  it('without the guard the server logs an uncaught `aborted` ECONNRESET (the bug this guards)', async () => {
    server = await startServer(false);
    await postAndHangUp(server.port);
    expect(server.output()).toContain('UNCAUGHT aborted ECONNRESET');
  }, 30_000);

  it('with the guard nothing is uncaught and the server keeps serving', async () => {
    server = await startServer(true);
    await postAndHangUp(server.port);
    await postAndHangUp(server.port);
    expect(await post(server.port)).toBe('ok');
    expect(server.output()).not.toContain('UNCAUGHT');
  }, 30_000);

  it('recognises only the client-abort error', () => {
    expect(isClientAbort(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isClientAbort(Object.assign(new Error('read failed'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isClientAbort(new Error('aborted'))).toBe(false);
  });
});
