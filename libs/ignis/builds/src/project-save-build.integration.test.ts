import { createTestDatabase, makeProject, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { ProjectFileRepository, type TAfterTreeChange } from '@lumenforge/ignis-workspace/files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildRepository } from './build.repository';
import { queueProjectSaveBuild } from './project-save-build';

describe('a project save queues its build (coalesced, in the save transaction)', () => {
  let testDb: TTestDatabase;
  let files: ProjectFileRepository;
  let builds: BuildRepository;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    files = new ProjectFileRepository(testDb.db);
    builds = new BuildRepository(testDb.db);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const newProject = async () => {
    const workspace = await makeWorkspace(testDb.db);
    const project = await makeProject(testDb.db, { workspace });
    const afterChange: TAfterTreeChange = async (tx, change) => {
      await queueProjectSaveBuild(tx, { workspaceId: workspace.id, ...change });
    };
    return { projectId: project.id, workspaceId: workspace.id, afterChange };
  };
  const save = (projectId: string, afterChange: TAfterTreeChange, n: number) =>
    files.write(projectId, 'src/App.tsx', `export const n = ${n};\n`, { afterChange });
  const projectBuilds = (projectId: string) =>
    testDb.db.build.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } });

  it('N rapid saves, sequential and concurrent, queue exactly one build caused by the last revision', async () => {
    const { projectId, afterChange } = await newProject();
    for (let n = 0; n < 10; n += 1) await save(projectId, afterChange, n);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        files.write(projectId, `src/file-${i}.ts`, `export const f = ${i};\n`, { afterChange }),
      ),
    );

    const rows = await projectBuilds(projectId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'queued',
      kind: 'project',
      trigger: 'file_change',
      causeKind: 'save',
      causeRef: await files.revision(projectId),
      source: { kind: 'project', projectId },
    });
  });

  it('a save while the build runs queues one more, which later saves join; an unchanged save queues none', async () => {
    const { projectId, afterChange } = await newProject();
    await save(projectId, afterChange, 1);
    const [first] = await projectBuilds(projectId);
    expect(await builds.claimById(first?.id ?? '', 'worker-test', 30_000)).toMatchObject({ id: first?.id });

    await save(projectId, afterChange, 2);
    const afterFirst = await files.revision(projectId);
    await save(projectId, afterChange, 3);
    await save(projectId, afterChange, 3); // same content: no change, no build
    const rows = await projectBuilds(projectId);
    expect(rows.map((row) => row.status)).toEqual(['running', 'queued']);
    expect(rows[1]?.causeRef).toBe(await files.revision(projectId));
    expect(rows[1]?.causeRef).not.toBe(afterFirst);
  });

  it('a manual build that is queued absorbs saves and keeps its cause; deletes queue builds too', async () => {
    const { projectId, workspaceId, afterChange } = await newProject();
    const manual = await builds.create({
      workspaceId,
      kind: 'project',
      projectId,
      source: { kind: 'project', projectId },
      trigger: 'manual',
      causeKind: 'manual',
      causeRef: null,
    });
    await save(projectId, afterChange, 1);
    await files.delete(projectId, 'src/App.tsx', { afterChange });
    const rows = await projectBuilds(projectId);
    expect(rows.map((row) => [row.id, row.causeKind])).toEqual([[manual.id, 'manual']]);
  });

  it('when queueing the build fails, the save is rolled back with it', async () => {
    const { projectId } = await newProject();
    await expect(
      files.write(projectId, 'src/App.tsx', 'export {};\n', {
        afterChange: async (tx, change) => {
          await queueProjectSaveBuild(tx, { workspaceId: 'not-a-uuid', ...change });
        },
      }),
    ).rejects.toThrow();
    expect(await testDb.db.projectFile.count({ where: { projectId } })).toBe(0);
    expect(await projectBuilds(projectId)).toHaveLength(0);
  });
});
