import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, makeProject, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyInstallError, ensureDependencies } from './dependencies';
import { sha256Hex } from './digest';
import {
  FileConflictError,
  FileNotFoundError,
  FileTooLargeError,
  InvalidFilePathError,
  MAX_FILE_BYTES,
} from './limits';
import { materialise } from './materialise';
import { WORKSPACE_ROOT } from './paths';
import { ProjectFileRepository } from './project-file.repository';
import { loadStarterFiles } from './starter';

const run = promisify(execFile);

describe('project files (PostgreSQL) and work directories', () => {
  let testDb: TTestDatabase;
  let files: ProjectFileRepository;
  let home: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    files = new ProjectFileRepository(testDb.db);
    home = await mkdtemp(join(tmpdir(), 'ignis-workspace-'));
  });
  afterAll(async () => {
    await testDb?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const newProject = async () => {
    const workspace = await makeWorkspace(testDb.db);
    const project = await makeProject(testDb.db, { workspace });
    return project.id;
  };
  const snapshot = (projectId: string) =>
    testDb.db.projectFile.findMany({ where: { projectId }, orderBy: { path: 'asc' } });

  it('writes, lists, reads and deletes files with sha256 optimistic concurrency', async () => {
    const projectId = await newProject();
    const created = await files.write(projectId, 'src/a.ts', 'export const a = 1;\n', {
      expectedSha256: null,
    });
    expect(created).toMatchObject({
      path: 'src/a.ts',
      created: true,
      sizeBytes: 20,
      sha256: sha256Hex('export const a = 1;\n'),
    });

    await expect(files.write(projectId, 'src/a.ts', 'x', { expectedSha256: null })).rejects.toThrow(
      FileConflictError,
    );
    await expect(
      files.write(projectId, 'src/a.ts', 'x', { expectedSha256: sha256Hex('stale') }),
    ).rejects.toThrow(/changed by someone else/);
    const updated = await files.write(projectId, 'src/a.ts', 'export const a = 2;\n', {
      expectedSha256: created.sha256,
    });
    expect(updated).toMatchObject({ created: false, unchanged: false });
    expect((await files.read(projectId, 'src/a.ts')).content).toBe('export const a = 2;\n');
    expect((await files.list(projectId)).map((entry) => entry.path)).toEqual(['src/a.ts']);

    await expect(files.delete(projectId, 'src/a.ts', { expectedSha256: created.sha256 })).rejects.toThrow(
      FileConflictError,
    );
    await files.delete(projectId, 'src/a.ts', { expectedSha256: updated.sha256 });
    await expect(files.read(projectId, 'src/a.ts')).rejects.toThrow(FileNotFoundError);
    await expect(files.list('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      'The project does not exist.',
    );
  });

  it('lets exactly one of two concurrent writers with the same base win', async () => {
    const projectId = await newProject();
    const base = await files.write(projectId, 'a.txt', 'base');
    const results = await Promise.allSettled([
      files.write(projectId, 'a.txt', 'one', { expectedSha256: base.sha256 }),
      files.write(projectId, 'a.txt', 'two', { expectedSha256: base.sha256 }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(FileConflictError);
  });

  it('refuses a `..` path, a 6 MB file and a tree over 50 MB, and changes nothing stored', async () => {
    const projectId = await newProject();
    await files.write(projectId, 'keep.txt', 'kept');
    const before = await snapshot(projectId);

    await expect(files.write(projectId, '../escape.txt', 'x')).rejects.toThrow(InvalidFilePathError);
    await expect(files.write(projectId, 'src/../../escape.txt', 'x')).rejects.toThrow(/`\.\.` would leave/);
    await expect(files.write(projectId, 'big.bin', 'x'.repeat(6 * 1024 * 1024))).rejects.toThrow(
      FileTooLargeError,
    );
    await expect(files.replaceTree(projectId, { '../x': 'y' })).rejects.toThrow(InvalidFilePathError);
    expect(await snapshot(projectId)).toEqual(before);

    const chunk = 'x'.repeat(MAX_FILE_BYTES);
    for (let index = 0; index < 9; index += 1) await files.write(projectId, `chunk-${index}.txt`, chunk);
    const full = await snapshot(projectId);
    const error = await files.write(projectId, 'chunk-9.txt', chunk).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as FileTooLargeError).scope).toBe('tree');
    expect((await snapshot(projectId)).map((row) => row.path)).toEqual(full.map((row) => row.path));
  });

  it('materialises the starter with the shared dependency install, content-addressed and kept in step', async () => {
    const projectId = await newProject();
    await files.replaceTree(projectId, await loadStarterFiles());

    const first = await materialise({ kind: 'project', projectId }, { home, db: testDb.db });
    const again = await materialise({ kind: 'project', projectId }, { home, db: testDb.db });
    expect(again.inputDigest).toBe(first.inputDigest);
    expect(again.dir).toBe(first.dir);
    expect(first.files).toEqual(
      expect.arrayContaining(['src/components/Counter.tsx', 'lumenforge-tokens.css', 'lumenforge-theme.css']),
    );
    expect(await readFile(join(first.dir, 'src/components/Counter.tsx'), 'utf8')).toContain('useState');
    expect(await readFile(join(first.dir, 'lumenforge-theme.css'), 'utf8')).toContain('@theme');

    // node_modules is a link to the one shared install, which points into the platform's own packages.
    expect((await lstat(join(first.dir, 'node_modules'))).isSymbolicLink()).toBe(true);
    expect('id' in first.dependencies && first.dependencies.id).toMatch(/^shared-/);
    expect(await realpath(join(first.dir, 'node_modules', 'react'))).toBe(
      join(WORKSPACE_ROOT, 'node_modules', 'react'),
    );

    // The shared install is enough to type-check the starter (no npm install).
    await run(join(first.dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', first.dir], {
      cwd: first.dir,
    });

    // In place (a session's stable key): an edit rewrites that file, a deleted file disappears.
    const key = `session-${projectId}`;
    const session = await materialise({ kind: 'project', projectId }, { home, db: testDb.db, key });
    await files.write(projectId, 'src/extra.ts', 'export {};\n');
    const withExtra = await materialise({ kind: 'project', projectId }, { home, db: testDb.db, key });
    expect(withExtra.inputDigest).not.toBe(session.inputDigest);
    expect(existsSync(join(session.dir, 'src/extra.ts'))).toBe(true);
    await files.delete(projectId, 'src/extra.ts');
    const back = await materialise({ kind: 'project', projectId }, { home, db: testDb.db, key });
    expect(back.inputDigest).toBe(session.inputDigest);
    expect(existsSync(join(session.dir, 'src/extra.ts'))).toBe(false);
  });

  it('materialises a bare file set with a generated entry, and refuses a missing entry or a bad path', async () => {
    const result = await materialise(
      {
        kind: 'files',
        files: { 'src/Hello.tsx': 'export function Hello() { return <p>hi</p>; }\n' },
        entry: 'src/Hello.tsx',
      },
      { home },
    );
    expect(await readFile(join(result.dir, 'index.html'), 'utf8')).toContain('/lumenforge-preview.tsx');
    expect(await readFile(join(result.dir, 'lumenforge-preview.tsx'), 'utf8')).toContain(
      "import * as entry from './src/Hello.tsx'",
    );
    await expect(
      materialise({ kind: 'files', files: { 'a.tsx': '' }, entry: 'b.tsx' }, { home }),
    ).rejects.toThrow(FileNotFoundError);
    await expect(
      materialise({ kind: 'files', files: { '../a.tsx': '' }, entry: '../a.tsx' }, { home }),
    ).rejects.toThrow(InvalidFilePathError);
  });

  it('installs a project whose lockfile asks for other dependencies once, into a cache keyed by it', async () => {
    const vendor = join(home, 'vendor-pkg');
    await mkdir(vendor, { recursive: true });
    await writeFile(
      join(vendor, 'package.json'),
      JSON.stringify({ name: 'ignis-vendor-pkg', version: '1.0.0', main: 'index.js' }),
    );
    await writeFile(join(vendor, 'index.js'), 'module.exports = 42;\n');
    const manifest = JSON.stringify({
      name: 'p',
      private: true,
      dependencies: { react: '^19.0.0', 'ignis-vendor-pkg': `file:${vendor}` },
    });

    const dirA = join(home, 'deps-a');
    const dirB = join(home, 'deps-b');
    for (const dir of [dirA, dirB]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'package.json'), manifest);
    }
    await expect(ensureDependencies(dirA, { home, allowInstall: false })).rejects.toThrow(
      DependencyInstallError,
    );
    const first = await ensureDependencies(dirA, { home });
    expect(first).toMatchObject({ kind: 'lockfile', installed: true });
    expect(first.id).toMatch(/^lock-[0-9a-f]{64}$/);
    expect(await readFile(join(dirA, 'node_modules', 'ignis-vendor-pkg', 'index.js'), 'utf8')).toContain(
      '42',
    );
    const second = await ensureDependencies(dirB, { home });
    expect(second).toMatchObject({ id: first.id, installed: false });
    expect(await readlink(join(dirB, 'node_modules'))).toBe(first.nodeModules);
  });
});
