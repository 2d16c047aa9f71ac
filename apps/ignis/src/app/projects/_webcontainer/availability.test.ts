import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canEmbedPreviewWhenIsolated,
  EDITOR_PATH,
  probeReachable,
  STACKBLITZ_ORIGIN,
  webContainerAvailability,
  type TWebContainerChecks,
} from './availability';
import { toFileSystemTree } from './runtime';

const READY: TWebContainerChecks = {
  isEnabledByAdmin: true,
  isPackageInstalled: true,
  isCrossOriginIsolated: true,
  stackBlitz: 'reachable',
};

describe('webContainerAvailability', () => {
  it('is available when every check passes', () => {
    expect(webContainerAvailability(READY)).toEqual({ isAvailable: true });
  });

  it.each([
    [{ isEnabledByAdmin: false }, 'disabled', 'Turned off by the administrator.'],
    [
      { isPackageInstalled: false },
      'not-installed',
      'The @webcontainer/api package is not installed on this server.',
    ],
    [{ isCrossOriginIsolated: false }, 'not-isolated', /^This page is not cross-origin isolated/],
    [{ stackBlitz: 'checking' }, 'checking', /^Checking whether StackBlitz/],
    [{ stackBlitz: 'unchecked' }, 'checking', /^Checking whether StackBlitz/],
    [
      { stackBlitz: 'unreachable' },
      'unreachable',
      `StackBlitz (${STACKBLITZ_ORIGIN}) is not reachable from this browser — WebContainer needs it.`,
    ],
  ] as const)('%o → %s', (failing, reason, message) => {
    const result = webContainerAvailability({ ...READY, ...failing });
    expect(result.isAvailable).toBe(false);
    if (result.isAvailable) return;
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(message);
  });

  it('names the administrator first: the default config (flag off, nothing else) says only that', () => {
    const result = webContainerAvailability({
      isEnabledByAdmin: false,
      isPackageInstalled: false,
      isCrossOriginIsolated: false,
      stackBlitz: 'unchecked',
    });
    expect(result).toMatchObject({ isAvailable: false, reason: 'disabled' });
  });

  it('asks for isolation before it reports the probe', () => {
    expect(
      webContainerAvailability({ ...READY, isCrossOriginIsolated: false, stackBlitz: 'unreachable' }),
    ).toMatchObject({ reason: 'not-isolated' });
  });
});

describe('probeReachable (a real HTTP server)', () => {
  let answering: Server;
  let silent: Server;
  const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  beforeAll(async () => {
    answering = createServer((_req, res) => res.writeHead(204).end());
    // Accepts the connection and never answers: the probe must give up after its timeout.
    silent = createServer(() => undefined);
    await Promise.all(
      [answering, silent].map((server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done))),
    );
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await Promise.all([answering, silent].map((server) => new Promise((done) => server.close(done))));
  });

  it('is reachable when the server answers', async () => {
    expect(await probeReachable(urlOf(answering), 2_000)).toBe('reachable');
  });

  it('is unreachable when the server does not answer within the timeout', async () => {
    const startedAt = Date.now();
    expect(await probeReachable(urlOf(silent), 300)).toBe('unreachable');
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('is unreachable when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const url = urlOf(closed);
    await new Promise((done) => closed.close(done));
    expect(await probeReachable(url, 2_000)).toBe('unreachable');
  });
});

describe('canEmbedPreviewWhenIsolated', () => {
  it('needs credentialless iframes', () => {
    expect(canEmbedPreviewWhenIsolated({ credentialless: false })).toBe(true);
    expect(canEmbedPreviewWhenIsolated({})).toBe(false);
    expect(canEmbedPreviewWhenIsolated(undefined)).toBe(false);
  });
});

describe('EDITOR_PATH', () => {
  it('matches a project editor, not its neighbours', () => {
    expect(EDITOR_PATH.test('/projects/0b0e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(EDITOR_PATH.test('/projects/monaco-editor/vs/loader.js')).toBe(false);
    expect(EDITOR_PATH.test('/api/projects/0b0e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(false);
  });
});

describe('toFileSystemTree', () => {
  it('nests paths as WebContainer folders', () => {
    expect(
      toFileSystemTree({ 'package.json': '{}', 'src/components/A.tsx': 'a', 'src/main.tsx': 'm' }),
    ).toEqual({
      'package.json': { file: { contents: '{}' } },
      src: {
        directory: {
          components: { directory: { 'A.tsx': { file: { contents: 'a' } } } },
          'main.tsx': { file: { contents: 'm' } },
        },
      },
    });
  });

  it('refuses a file that is also a folder', () => {
    expect(() => toFileSystemTree({ src: 'x', 'src/a.ts': 'a' })).toThrow(/src is a file/);
  });
});
