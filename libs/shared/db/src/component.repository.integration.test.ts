import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DbConflictError } from './db-errors';
import { createRepositories } from './repositories';
import {
  createTestDatabase,
  makeBuild,
  makeComponent,
  makeDeployment,
  makeProject,
  makeUser,
  makeWorkspace,
  type TTestDatabase,
} from './testing';

describe('ComponentRepository', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('saves a component with version 1 and reads it back with its files and author', async () => {
    const workspace = await makeWorkspace(database.db);
    const author = await makeUser(database.db, { name: 'Ada Engineer' });
    const repo = createRepositories(database.db).components;
    const created = await repo.create({
      workspaceId: workspace.id,
      name: 'PricingCard',
      description: '  Plan, price and call to action  ',
      category: 'marketing',
      origin: 'spark',
      source: 'export function PricingCard() { return null; }',
      prompt: 'A pricing card',
      authorId: author.id,
    });
    expect(created).toMatchObject({
      name: 'PricingCard',
      description: 'Plan, price and call to action',
      status: 'draft',
      latestVersion: 1,
      createdBy: { id: author.id, name: 'Ada Engineer' },
      latest: {
        number: 1,
        source: 'export function PricingCard() { return null; }',
        prompt: 'A pricing card',
      },
    });
    expect(created.versions.map((version) => version.number)).toEqual([1]);
    expect(await repo.findById(workspace.id, created.id)).toEqual(created);
  });

  it('refuses a second component of the same name in any case, and keeps the first intact', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).components;
    const first = await makeComponent(database.db, { workspace, name: 'Button', source: 'first' });
    await expect(makeComponent(database.db, { workspace, name: 'Button' })).rejects.toBeInstanceOf(
      DbConflictError,
    );
    await expect(makeComponent(database.db, { workspace, name: 'BUTTON' })).rejects.toThrow(/already exists/);
    expect((await repo.findById(workspace.id, first.id))?.latest.source).toBe('first');
    // Another workspace may use the name.
    await expect(
      makeComponent(database.db, { workspace: await makeWorkspace(database.db), name: 'Button' }),
    ).resolves.toMatchObject({ name: 'Button' });
  });

  it('rejects names that are not PascalCase before writing', async () => {
    const workspace = await makeWorkspace(database.db);
    await expect(makeComponent(database.db, { workspace, name: 'pricing-card' })).rejects.toBeInstanceOf(
      ZodError,
    );
    expect(await createRepositories(database.db).components.list(workspace.id)).toEqual([]);
  });

  it('hides other workspaces and treats malformed ids as not found', async () => {
    const workspace = await makeWorkspace(database.db);
    const component = await makeComponent(database.db, { workspace });
    const repo = createRepositories(database.db).components;
    expect(await repo.findById((await makeWorkspace(database.db)).id, component.id)).toBeNull();
    expect(await repo.findById(workspace.id, 'not-a-uuid')).toBeNull();
  });

  it('searches name, description and category, best name match first, wildcards literal', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).components;
    await makeComponent(database.db, { workspace, name: 'CardGrid' });
    await makeComponent(database.db, { workspace, name: 'Card' });
    await makeComponent(database.db, { workspace, name: 'PricingCard' });
    await makeComponent(database.db, { workspace, name: 'Hero', description: 'Landing card hero' });
    await makeComponent(database.db, { workspace, name: 'Avatar', category: 'identity' });
    expect((await repo.search(workspace.id, 'card', 10)).map((row) => row.name)).toEqual([
      'Card',
      'CardGrid',
      'PricingCard',
      'Hero',
    ]);
    expect((await repo.search(workspace.id, 'card', 2)).map((row) => row.name)).toEqual(['Card', 'CardGrid']);
    expect((await repo.search(workspace.id, 'IDENT', 10)).map((row) => row.name)).toEqual(['Avatar']);
    expect(await repo.search(workspace.id, '%', 10)).toEqual([]);
    expect(await repo.search(workspace.id, '_', 10)).toEqual([]);
    expect(await repo.search(workspace.id, '\\', 10)).toEqual([]);
  });

  it('summarises the library: count and the newest generated version', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).components;
    expect(await repo.summary(workspace.id)).toEqual({ count: 0, lastGeneration: null });
    await makeComponent(database.db, { workspace, name: 'Manual' });
    expect(await repo.summary(workspace.id)).toEqual({ count: 1, lastGeneration: null });
    const generated = await makeComponent(database.db, {
      workspace,
      name: 'Generated',
      origin: 'spark',
      prompt: 'x',
    });
    expect(await repo.summary(workspace.id)).toEqual({
      count: 2,
      lastGeneration: {
        componentId: generated.id,
        name: 'Generated',
        version: 1,
        at: generated.latest.createdAt,
      },
    });
  });
});

describe('ProjectWorkRepository', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 12, minutes));

  it('counts projects and names the newest', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).projectWork;
    expect(await repo.projectsOverview(workspace.id)).toEqual({ count: 0, newest: null });
    await makeProject(database.db, { workspace, name: 'Older', createdAt: at(1) });
    const newest = await makeProject(database.db, { workspace, name: 'Acme Web', createdAt: at(2) });
    await makeProject(database.db, { workspace: await makeWorkspace(database.db), createdAt: at(3) });
    expect(await repo.projectsOverview(workspace.id)).toEqual({ count: 2, newest });
  });

  it('finds projects by name, slug or description', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).projectWork;
    await makeProject(database.db, { workspace, name: 'Acme Docs', slug: 'docs' });
    await makeProject(database.db, { workspace, name: 'Acme', slug: 'acme' });
    await makeProject(database.db, { workspace, name: 'Shop', slug: 'shop', description: 'for acme' });
    expect((await repo.searchProjects(workspace.id, 'acme', 10)).map((row) => row.name)).toEqual([
      'Acme',
      'Acme Docs',
      'Shop',
    ]);
    expect(await repo.searchProjects(workspace.id, 'zzz', 10)).toEqual([]);
  });

  it('lists projects newest first and reads one by id or slug with its builds and deployments', async () => {
    const workspace = await makeWorkspace(database.db);
    const other = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).projectWork;
    const older = await makeProject(database.db, {
      workspace,
      name: 'Older',
      slug: 'older',
      createdAt: at(1),
    });
    const project = await makeProject(database.db, {
      workspace,
      name: 'Acme Web',
      slug: 'acme-web',
      createdAt: at(2),
    });
    const foreign = await makeProject(database.db, { workspace: other, slug: 'acme-web', createdAt: at(3) });
    expect((await repo.listProjects(workspace.id)).map((row) => row.slug)).toEqual(['acme-web', 'older']);

    const build = await makeBuild(database.db, {
      workspace,
      target: { projectId: project.id },
      status: 'failed',
    });
    await makeDeployment(database.db, { workspace, project, environment: 'dev', version: '1.0.0' });
    await makeBuild(database.db, { workspace, target: { projectId: older.id } });
    await database.db.projectFile.create({
      data: {
        projectId: project.id,
        path: 'README.md',
        content: '# Acme',
        sha256: 'a'.repeat(64),
        sizeBytes: 6,
      },
    });

    const bySlug = await repo.projectDetail(workspace.id, 'acme-web');
    expect(bySlug).toMatchObject({
      project,
      fileCount: 1,
      builds: [{ id: build.id, status: 'failed', target: { kind: 'project', id: project.id } }],
      deployments: [{ environment: 'dev', version: '1.0.0', project: { id: project.id } }],
    });
    expect(await repo.projectDetail(workspace.id, project.id)).toEqual(bySlug);
    // Another workspace's project is not found by its id, and its slug finds this workspace's own.
    expect(await repo.projectDetail(workspace.id, foreign.id)).toBeNull();
    expect(await repo.projectDetail(workspace.id, 'missing')).toBeNull();
  });

  it('reads the newest build with the name of its target', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).projectWork;
    expect(await repo.latestBuild(workspace.id)).toBeNull();
    const project = await makeProject(database.db, { workspace, name: 'Acme Web' });
    const component = await makeComponent(database.db, { workspace, name: 'Navbar' });
    await makeBuild(database.db, { workspace, target: { projectId: project.id }, createdAt: at(1) });
    await makeBuild(database.db, {
      workspace,
      target: { componentId: component.id },
      status: 'failed',
      durationMs: 1_840,
      bundleBytes: 248_331,
      createdAt: at(2),
    });
    expect(await repo.latestBuild(workspace.id)).toMatchObject({
      status: 'failed',
      target: { kind: 'component', id: component.id, name: 'Navbar' },
      durationMs: 1_840,
      bundleBytes: 248_331,
    });
  });

  it('refuses a build with no target or two (the table check)', async () => {
    const workspace = await makeWorkspace(database.db);
    const project = await makeProject(database.db, { workspace });
    const component = await makeComponent(database.db, { workspace });
    await expect(
      makeBuild(database.db, {
        workspace,
        target: { projectId: project.id, componentId: component.id } as never,
      }),
    ).rejects.toThrow();
    await expect(makeBuild(database.db, { workspace, target: {} as never })).rejects.toThrow();
  });

  it('lists the latest deployment per environment and searches deployments', async () => {
    const workspace = await makeWorkspace(database.db);
    const repo = createRepositories(database.db).projectWork;
    expect(await repo.latestDeploymentPerEnvironment(workspace.id)).toEqual([]);
    const project = await makeProject(database.db, { workspace, name: 'Acme Web', slug: 'acme-web' });
    await makeDeployment(database.db, {
      workspace,
      project,
      environment: 'production',
      version: '1.0.0',
      createdAt: at(1),
    });
    await makeDeployment(database.db, {
      workspace,
      project,
      environment: 'dev',
      version: '1.1.0',
      createdAt: at(2),
    });
    await makeDeployment(database.db, {
      workspace,
      project,
      environment: 'dev',
      version: '1.2.0',
      status: 'failed',
      createdAt: at(3),
    });
    const latest = await repo.latestDeploymentPerEnvironment(workspace.id);
    expect(latest.map((row) => [row.environment, row.version, row.status])).toEqual([
      ['dev', '1.2.0', 'failed'],
      ['production', '1.0.0', 'succeeded'],
    ]);
    expect((await repo.searchDeployments(workspace.id, 'acme-web', 2)).map((row) => row.version)).toEqual([
      '1.2.0',
      '1.1.0',
    ]);
    expect((await repo.searchDeployments(workspace.id, '1.0.0', 10)).map((row) => row.environment)).toEqual([
      'production',
    ]);
  });
});
