// For IGNITION's integration tests: a tiny template, a wizard document over it, a member and the
// deps of a task run over a test database (the outbox bus of the platform, a memory cache).
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { createMemoryCache } from '@lumenforge/cache/server';
import type { TDbClient } from '@lumenforge/db/server';
import { makeMembership } from '@lumenforge/db/testing';
import type { TTemplate, TWizard } from '@lumenforge/ignition-templates';
import type { TRunCreateTaskOptions } from './create-project-task';
import { TemplateRepository } from './template.repository';

const run = promisify(execFile);

/** A template of three files: a README, a package.json and a script with a parameter. */
export const TINY_TEMPLATE: TTemplate = {
  manifest: {
    id: 'tiny',
    name: 'Tiny',
    description: 'Three files',
    version: '1.0.0',
    tags: ['test'],
    parameters: {
      type: 'object',
      properties: { greeting: { type: 'string', default: 'hello', maxLength: 40 } },
    },
    files: [],
  },
  files: [
    { path: 'README.md.tmpl', content: '# {{project.title}}\n\n{{answers.description}}\n', encoding: 'utf8' },
    {
      path: 'package.json.tmpl',
      content: '{ "name": {{json answers.name}}, "version": "0.1.0", "private": true }\n',
      encoding: 'utf8',
    },
    { path: 'src/main.js.tmpl', content: 'console.log({{json answers.greeting}});\n', encoding: 'utf8' },
  ],
};

export function tinyWizard(name: string, git: TWizard['git'] = { kind: 'none' }): TWizard {
  return {
    template: { key: 'tiny', version: '1.0.0' },
    answers: { name, description: 'Made by a test', dependencies: [], greeting: 'hi' },
    tokens: { tokenSetId: null, version: null, theme: 'system' },
    git,
    environment: 'dev',
  };
}

/** A workspace with the tiny template stored and a signed-up engineer. */
export async function ignitionWorkspace(db: TDbClient) {
  const { user, workspace } = await makeMembership(db, { role: 'engineer' });
  const templates = new TemplateRepository(db, createMemoryCache({ max: 100 }));
  await templates.save(workspace.id, TINY_TEMPLATE, { actorUserId: user.id });
  return { user, workspace, templates };
}

export function runOptions(
  user: { id: string; name: string | null; email: string },
  extra: Partial<TRunCreateTaskOptions> = {},
): TRunCreateTaskOptions {
  return {
    credentials: {},
    context: { ip: '203.0.113.9', userAgent: 'ignition-test', correlationId: randomUUID() },
    actor: { userId: user.id, name: user.name, type: 'user' },
    author: { name: user.name ?? 'Test', email: user.email },
    ...extra,
  };
}

/** Clones `url` (with the token as Basic auth) into a temp dir and returns its files (no .git). */
export async function cloneFiles(
  url: string,
  token: string,
  branch = 'main',
): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'lf-ignition-clone-'));
  try {
    const header = `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    await run('git', ['-c', `http.extraHeader=${header}`, 'clone', '--quiet', '--branch', branch, url, dir]);
    const files: Record<string, string> = {};
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (entry.name === '.git') continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files[relative(dir, path)] = await readFile(path, 'utf8');
      }
    };
    await walk(dir);
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The packages the fake registry knows: dist-tags and each version's manifest fields. */
export const FAKE_NPM_PACKAGES: Record<string, { tags: Record<string, string>; versions: Record<string, object> }> = {
  'left-pad': {
    tags: { latest: '1.3.0' },
    versions: { '1.1.0': { license: 'WTFPL' }, '1.2.0': { license: 'MIT' }, '1.3.0': { license: 'MIT' } },
  },
  '@acme/gpl-thing': { tags: { latest: '2.0.0' }, versions: { '2.0.0': { license: 'GPL-3.0-only' } } },
  'old-style': { tags: { latest: '0.1.0' }, versions: { '0.1.0': { licenses: [{ type: 'BSD-3-Clause' }] } } },
};

export type TFakeNpmRegistry = {
  baseUrl: string;
  /** Paths asked, decoded. */
  requests: string[];
  /** While down, every answer is 503. Paths under `/slow` never answer. */
  setDown: (isDown: boolean) => void;
  close: () => Promise<void>;
};

/** A local stand-in for registry.npmjs.org: abbreviated packuments and per-version manifests. */
export async function startFakeNpmRegistry(packages = FAKE_NPM_PACKAGES): Promise<TFakeNpmRegistry> {
  const requests: string[] = [];
  let isDown = false;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(request.url ?? '/');
    requests.push(path);
    if (path.startsWith('/slow')) return; // never answers
    if (isDown) {
      response.writeHead(503).end('down');
      return;
    }
    const match = /^\/((?:@[^/]+\/)?[^/@]+)(?:\/(.+))?$/.exec(path);
    const entry = match ? packages[match[1] ?? ''] : undefined;
    if (!match || !entry) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    const [, name, version] = match;
    const manifest = version ? entry.versions[version] : undefined;
    const body = version
      ? { name, version, ...manifest }
      : {
          name,
          'dist-tags': entry.tags,
          versions: Object.fromEntries(Object.keys(entry.versions).map((v) => [v, { name, version: v }])),
        };
    response.writeHead(version && !manifest ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setDown: (value) => {
      isDown = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
