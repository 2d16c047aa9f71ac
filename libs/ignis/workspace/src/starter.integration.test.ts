import { createTestDatabase, makeProject, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectFileRepository } from './project-file.repository';
import { loadStarterFiles, seedStarterProject, STARTER_PROJECT } from './starter';

describe('the starter project a new workspace gets', () => {
  let testDb: TTestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('is created once with the starter files, even by concurrent callers, and can be opened', async () => {
    const workspace = await makeWorkspace(testDb.db);
    const results = await Promise.all([
      seedStarterProject(testDb.db, workspace.slug),
      seedStarterProject(testDb.db, workspace.slug),
      seedStarterProject(testDb.db, workspace.slug),
    ]);
    const created = results.filter((id): id is string => id !== null);
    expect(created).toHaveLength(1);
    const projects = await testDb.db.project.findMany({ where: { workspaceId: workspace.id } });
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ id: created[0], slug: STARTER_PROJECT.slug, name: 'Starter' });
    expect(await new ProjectFileRepository(testDb.db).readTree(created[0] ?? '')).toEqual(
      await loadStarterFiles(),
    );
    expect(await seedStarterProject(testDb.db, workspace.slug)).toBeNull();
  });

  it('is not added to a workspace that already has projects, nor to one that does not exist', async () => {
    const workspace = await makeWorkspace(testDb.db);
    await makeProject(testDb.db, { workspace });
    expect(await seedStarterProject(testDb.db, workspace.slug)).toBeNull();
    expect(await testDb.db.project.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await seedStarterProject(testDb.db, 'no-such-workspace')).toBeNull();
  });
});
