import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFakeNpmRegistry,
  TINY_TEMPLATE,
  tinyWizard,
  type TFakeNpmRegistry,
} from '@lumenforge/ignition-data-access/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIgnitionApi, type TIgnitionApiHarness } from './ignition-api.test-harness';

type TMember = { cookie: string; workspaceId: string };

describe('GET /api/projects/:id/archive over real HTTP (PostgreSQL, unzip)', () => {
  let api: TIgnitionApiHarness;
  let npm: TFakeNpmRegistry;
  let engineer: TMember;
  let stranger: TMember;
  let designer: TMember;
  const dir = mkdtempSync(join(tmpdir(), 'ignition-archive-'));

  beforeAll(async () => {
    npm = await startFakeNpmRegistry();
    api = await startIgnitionApi({ npmRegistryUrl: npm.baseUrl, builtIns: [TINY_TEMPLATE] });
    engineer = await api.member('engineer');
    designer = await api.member('designer', engineer.workspaceId);
    stranger = await api.member('engineer'); // another workspace
  });
  afterAll(async () => {
    await api?.close();
    await npm?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const createProject = async (member: TMember, name: string) => {
    const accepted = await api.call(member.cookie, 'POST', '/api/projects', { wizard: tinyWizard(name) });
    expect(accepted.status).toBe(202);
    const { taskId } = (await accepted.json()) as { taskId: string };
    let task: { status: string; projectId: string | null } | undefined;
    await expect
      .poll(
        async () => {
          const response = await api.call(member.cookie, 'GET', `/api/tasks/${taskId}`);
          task = ((await response.json()) as { task: typeof task }).task;
          return task?.status;
        },
        { timeout: 15_000 },
      )
      .toBe('succeeded');
    if (!task?.projectId) throw new Error('the task registered no project');
    return task.projectId;
  };

  const download = (member: TMember, ref: string) =>
    api.call(member.cookie, 'GET', `/api/projects/${ref}/archive`);

  /** The archive extracted by unzip: path → { content, mode } (octal permissions). */
  const unzip = (zip: Buffer, name: string) => {
    const file = join(dir, `${name}.zip`);
    const out = join(dir, name);
    writeFileSync(file, zip);
    execFileSync('unzip', ['-q', file, '-d', out]);
    const paths = execFileSync('find', ['.', '-type', 'f'], { cwd: out, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((path) => path.slice(2))
      .sort();
    return Object.fromEntries(
      paths.map((path) => [
        path,
        {
          content: readFileSync(join(out, path), 'utf8'),
          mode: (statSync(join(out, path)).mode & 0o777).toString(8),
        },
      ]),
    );
  };

  it('the archive of a registered project unzips to exactly its files, scripts executable', async () => {
    const projectId = await createProject(engineer, '@acme/zipped');
    // A script and a non-ASCII name beside what the template rendered.
    const extra = { 'bin/start.sh': '#!/bin/sh\necho started\n', 'docs/résumé.md': '# Ça marche\n' };
    for (const [path, content] of Object.entries(extra))
      await api.testDb.db.projectFile.create({
        data: {
          projectId,
          path,
          content,
          sha256: createHash('sha256').update(content).digest('hex'),
          sizeBytes: Buffer.byteLength(content),
        },
      });
    const stored = await api.testDb.db.projectFile.findMany({
      where: { projectId },
      select: { path: true, content: true },
    });
    expect(stored.length).toBeGreaterThanOrEqual(TINY_TEMPLATE.files.length + 2);

    for (const ref of [projectId, 'acme-zipped']) {
      const response = await download(engineer, ref);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="acme-zipped.zip"');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const files = unzip(Buffer.from(await response.arrayBuffer()), `by-${ref}`);
      expect(Object.keys(files)).toEqual(stored.map((file) => file.path).sort());
      for (const file of stored) {
        expect(files[file.path]).toEqual({
          content: file.content,
          mode: file.content.startsWith('#!') ? '755' : '644',
        });
      }
    }
  });

  it("another workspace's project, an unknown one and a member without projects.read are refused", async () => {
    const foreignId = await createProject(stranger, 'foreign-app');
    expect((await download(stranger, 'foreign-app')).status).toBe(200);
    for (const ref of [foreignId, 'foreign-app', 'no-such-project', crypto.randomUUID()]) {
      const response = await download(engineer, ref);
      expect(response.status, ref).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'not_found' });
    }
    expect((await download(designer, 'acme-zipped')).status).toBe(403);
    expect((await download({ cookie: '', workspaceId: '' }, 'acme-zipped')).status).toBe(401);
  });

  it('a tree above the 50 MB cap is refused with 413 before its contents are read', async () => {
    const projectId = await createProject(engineer, 'huge-app');
    // The cap is checked on the stored sizes, so a row claiming the size stands in for 50 MB of text.
    await api.testDb.db.projectFile.create({
      data: { projectId, path: 'big.txt', content: 'x', sha256: '0'.repeat(64), sizeBytes: 50 * 1024 * 1024 },
    });
    const response = await download(engineer, 'huge-app');
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'archive_too_large' });
  });
});
