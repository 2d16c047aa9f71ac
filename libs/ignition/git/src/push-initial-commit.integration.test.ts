import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GitAuthenticationError,
  GitCancelledError,
  GitInputError,
  GitPushRejectedError,
  GitRemoteUnreachableError,
} from './git-errors';
import { pushInitialCommit } from './push-initial-commit';
import { gitConfigEnv, remoteAuthConfig } from './remote';
import { runGit } from './run-git';
import { startGitHttpServer, type GitHttpServer } from './testing/git-http-server';
import { freePort } from './testing/free-port';

const TOKEN = 'lf_test_token_7c1e9a4b2d';
const AUTHOR = { name: 'IGNITION Test', email: 'ignition@lumenforge.test', date: new Date('2026-12-07T12:00:00Z') };
const FILES = [
  { path: 'package.json', content: '{\n  "name": "demo-app",\n  "private": true\n}\n' },
  { path: 'src/app/page.tsx', content: 'export default function Page() {\n  return <h1>Hello</h1>;\n}\n' },
  { path: 'scripts/setup.sh', content: '#!/bin/sh\necho ready\n', executable: true },
  // Bytes that are not valid UTF-8 must survive unchanged.
  { path: 'public/favicon.bin', content: new Uint8Array([0, 255, 128, 10, 13, 10, 1, 2, 3]) },
  { path: 'README.md', content: 'line one\r\nline two with CRLF\r\n' },
  // A generated file its own .gitignore matches is still committed: the template put it there.
  { path: '.gitignore', content: 'node_modules\n*.bin\n' },
];

let server: GitHttpServer;
let scratch: string;

beforeAll(async () => {
  server = await startGitHttpServer({ token: TOKEN });
  scratch = await mkdtemp(join(tmpdir(), 'lf-ignition-git-test-'));
});
afterAll(async () => {
  await server?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function cloneBack(url: string, dir: string) {
  const auth = remoteAuthConfig({ url, auth: { token: TOKEN } });
  await runGit(['clone', '--quiet', url, dir], { cwd: scratch, env: gitConfigEnv(auth.entries), isNetwork: true });
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => entry.name !== '.git')
      .map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), root) : [relative(root, join(dir, entry.name))])),
  );
  return nested.flat().sort();
}

describe('pushInitialCommit against git http-backend', () => {
  it('pushes a generated project that clones back byte for byte, with the given author', async () => {
    const url = await server.createRepository('team/demo-app');
    const logLines: string[] = [];
    const result = await pushInitialCommit({
      files: FILES,
      remote: { url, auth: { token: TOKEN } },
      author: AUTHOR,
      message: 'Initial commit from IGNITION',
      onLog: (line) => logLines.push(line),
    });
    expect(result.commitSha).toMatch(/^[0-9a-f]{40}$/);

    const clone = join(scratch, 'clone-ok');
    await cloneBack(url, clone);
    expect(await listFiles(clone)).toEqual(FILES.map((file) => file.path).sort());
    for (const file of FILES) {
      const bytes = await readFile(join(clone, file.path));
      expect(Buffer.compare(bytes, Buffer.from(file.content))).toBe(0);
    }
    const show = await runGit(['log', '-1', '--format=%H|%an|%ae|%cn|%ce|%at|%s'], { cwd: clone });
    expect(show.stdout.toString().trim()).toBe(
      `${result.commitSha}|IGNITION Test|ignition@lumenforge.test|IGNITION Test|ignition@lumenforge.test|${AUTHOR.date.getTime() / 1000}|Initial commit from IGNITION`,
    );
    const mode = await runGit(['ls-files', '-s', 'scripts/setup.sh'], { cwd: clone });
    expect(mode.stdout.toString()).toMatch(/^100755 /);

    expect(logLines.some((line) => line.startsWith('push to '))).toBe(true);
    expect(logLines.join('\n')).not.toContain(TOKEN);
    expect(server.requests.some((request) => request.path.endsWith('/git-receive-pack') && request.status === 200)).toBe(true);
  });

  it('pushes a project larger than http.postBuffer (chunked request body through the CGI)', async () => {
    const url = await server.createRepository('large');
    // Random bytes do not compress: the pack is over git's 1 MiB post buffer, so git streams it chunked.
    const large = new Uint8Array(randomBytes(3 * 1024 * 1024));
    await pushInitialCommit({ files: [...FILES, { path: 'assets/blob.bin', content: large }], remote: { url, auth: { token: TOKEN } }, author: AUTHOR, message: 'Large' });
    const push = server.requests.filter((request) => request.path === '/large.git/git-receive-pack');
    // git first probes with a small request, then streams the pack chunked.
    expect(push).toContainEqual(expect.objectContaining({ status: 200, isChunked: true }));
    const clone = join(scratch, 'clone-large');
    await cloneBack(url, clone);
    expect(Buffer.compare(await readFile(join(clone, 'assets/blob.bin')), Buffer.from(large))).toBe(0);
  });

  it('the same files, author and date give the same commit', async () => {
    const first = await server.createRepository('repeat-1');
    const second = await server.createRepository('repeat-2');
    const push = (url: string) =>
      pushInitialCommit({ files: FILES, remote: { url, auth: { token: TOKEN } }, author: AUTHOR, message: 'Initial' });
    expect((await push(first)).commitSha).toBe((await push(second)).commitSha);
  });

  it('a wrong token is a typed authentication error that never contains the token', async () => {
    const url = await server.createRepository('auth-fail');
    const wrongToken = 'lf_wrong_token_5b8f0d1e3c';
    const logLines: string[] = [];
    const error = await pushInitialCommit({
      files: FILES,
      remote: { url, auth: { username: 'alice', token: wrongToken } },
      author: AUTHOR,
      message: 'Initial',
      onLog: (line) => logLines.push(line),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitAuthenticationError);
    const text = `${(error as Error).message}\n${logLines.join('\n')}`;
    expect(text).toMatch(/401|Authentication failed|could not read/i);
    expect(text).not.toContain(wrongToken);
    expect(text).not.toContain(Buffer.from(`alice:${wrongToken}`).toString('base64'));
  });

  it('a push refused by a pre-receive hook is a typed rejection with the hook message', async () => {
    const url = await server.createRepository('refusing');
    await server.refusePushes('refusing', 'Pushes to this repository are frozen by policy LF-42');
    const error = await pushInitialCommit({
      files: FILES,
      remote: { url, auth: { token: TOKEN } },
      author: AUTHOR,
      message: 'Initial',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitPushRejectedError);
    expect((error as GitPushRejectedError).remoteMessage).toContain('Pushes to this repository are frozen by policy LF-42');
    expect((error as Error).message).toContain('pre-receive hook declined');
  });

  it('a branch that already has commits is rejected, never overwritten', async () => {
    const url = await server.createRepository('not-empty');
    const remote = { url, auth: { token: TOKEN } };
    const first = await pushInitialCommit({ files: FILES, remote, author: AUTHOR, message: 'First' });
    const error = await pushInitialCommit({
      files: [{ path: 'other.txt', content: 'other\n' }],
      remote,
      author: AUTHOR,
      message: 'Second',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitPushRejectedError);
    expect((error as Error).message).toMatch(/fetch first|rejected/);
    const heads = await runGit(['rev-parse', 'refs/heads/main'], { cwd: join(server.projectRoot, 'not-empty.git') });
    expect(heads.stdout.toString().trim()).toBe(first.commitSha);
  });

  it('a port nobody listens on is a typed unreachable error', async () => {
    const port = await freePort();
    const error = await pushInitialCommit({
      files: FILES,
      remote: { url: `http://127.0.0.1:${port}/nobody.git`, auth: { token: TOKEN } },
      author: AUTHOR,
      message: 'Initial',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitRemoteUnreachableError);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('refuses credentials in the URL and plain HTTP to other hosts before running git', async () => {
    const base = { files: FILES, author: AUTHOR, message: 'Initial' };
    await expect(pushInitialCommit({ ...base, remote: { url: `https://bob:${TOKEN}@git.example/x.git` } })).rejects.toThrow(
      GitInputError,
    );
    await expect(pushInitialCommit({ ...base, remote: { url: 'http://git.example/x.git' } })).rejects.toThrow(/HTTPS/);
    await expect(
      pushInitialCommit({ ...base, files: [{ path: '../escape.txt', content: 'x' }], remote: { url: 'https://git.example/x.git' } }),
    ).rejects.toThrow(/Invalid file path/);
  });
});

describe('pushInitialCommit cancellation', () => {
  let slowServer: GitHttpServer;
  beforeAll(async () => {
    slowServer = await startGitHttpServer({ token: TOKEN, pushDelayMs: 30_000 });
  });
  afterAll(async () => slowServer?.close());

  it('aborting mid-push kills git and leaves the remote empty', async () => {
    const url = await slowServer.createRepository('slow');
    const controller = new AbortController();
    const logLines: string[] = [];
    const startedAt = Date.now();
    const pushing = pushInitialCommit({
      files: FILES,
      remote: { url, auth: { token: TOKEN } },
      author: AUTHOR,
      message: 'Initial',
      signal: controller.signal,
      onLog: (line) => {
        logLines.push(line);
        // The pack is written (so the advertisement GET is done); the server now holds the POST for 30 s.
        if (line.startsWith('Writing objects') && !controller.signal.aborted) setTimeout(() => controller.abort(), 300);
      },
    });
    await expect(pushing).rejects.toBeInstanceOf(GitCancelledError);
    // The promise settles only after git and git-remote-http have closed their output: nothing is left running.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(slowServer.requests.some((request) => request.path.endsWith('/info/refs'))).toBe(true);
    const refs = await runGit(['for-each-ref'], { cwd: join(slowServer.projectRoot, 'slow.git') });
    expect(refs.stdout.toString()).toBe('');
  });
});
