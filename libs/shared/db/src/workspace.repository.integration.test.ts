import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbConflictError } from './db-errors';
import { createTestDatabase, makeMembership, type TTestDatabase } from './testing';
import { WorkspaceRepository } from './workspace.repository';

describe('WorkspaceRepository', () => {
  let database: TTestDatabase;
  let workspaces: WorkspaceRepository;
  beforeAll(async () => {
    database = await createTestDatabase();
    workspaces = new WorkspaceRepository(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates a workspace and finds it by slug with member counts', async () => {
    const workspace = await workspaces.create({ slug: 'Acme', name: 'Acme Inc.' });
    expect(workspace.slug).toBe('acme');
    expect(await workspaces.findBySlug('acme')).toEqual({
      ...workspace,
      memberCount: 0,
      memberCountsByRole: { designer: 0, engineer: 0, admin: 0, agent: 0 },
    });
    await makeMembership(database.db, { workspace, role: 'designer' });
    await makeMembership(database.db, { workspace, role: 'designer' });
    await makeMembership(database.db, { workspace, role: 'admin' });
    expect(await workspaces.findBySlug('ACME')).toMatchObject({
      memberCount: 3,
      memberCountsByRole: { designer: 2, engineer: 0, admin: 1, agent: 0 },
    });
    expect(await workspaces.findById(workspace.id)).toEqual(workspace);
  });

  it('returns null for unknown or malformed slugs', async () => {
    expect(await workspaces.findBySlug('nope')).toBeNull();
    expect(await workspaces.findBySlug('not a slug!')).toBeNull();
  });

  it('rejects a taken slug and keeps the original', async () => {
    const original = await workspaces.create({ slug: 'taken', name: 'Original' });
    await expect(workspaces.create({ slug: 'taken', name: 'Copy' })).rejects.toThrow(DbConflictError);
    expect(await workspaces.findById(original.id)).toEqual(original);
  });

  it('ensures by slug and lists workspaces with counts', async () => {
    const first = await workspaces.ensureBySlug({ slug: 'ensured', name: 'Ensured' });
    const again = await workspaces.ensureBySlug({ slug: 'ensured', name: 'Renamed' });
    expect(first.isCreated).toBe(true);
    expect(again).toEqual({ workspace: first.workspace, isCreated: false });
    const listed = await workspaces.listWithCounts();
    expect(listed.map((workspace) => workspace.slug)).toEqual(
      expect.arrayContaining(['acme', 'ensured', 'taken']),
    );
    expect(listed.find((workspace) => workspace.slug === 'acme')?.memberCount).toBe(3);
  });
});
