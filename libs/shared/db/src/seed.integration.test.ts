import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRepository } from './membership.repository';
import { DEMO_USERS, DEMO_WORKSPACE, seedDemoData } from './seed';
import { createTestDatabase, type TTestDatabase } from './testing';

describe('seedDemoData', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const countRows = async () => ({
    workspaces: await database.db.workspace.count(),
    users: await database.db.user.count(),
    memberships: await database.db.membership.count(),
  });

  it('creates the demo workspace and one user per role', async () => {
    const result = await seedDemoData(database.db);
    expect(result.createdCount).toBe(9);
    expect(result.keptCount).toBe(0);
    expect(result.workspace.workspace).toMatchObject(DEMO_WORKSPACE);
    expect(result.users.map(({ user, membership }) => [user.email, user.name, membership.role])).toEqual(
      DEMO_USERS.map((user) => [user.email, user.name, user.role]),
    );
    expect(await countRows()).toEqual({ workspaces: 1, users: 4, memberships: 4 });
  });

  it('is idempotent: a second run keeps the same rows', async () => {
    const before = await database.db.user.findMany({ orderBy: { email: 'asc' } });
    const result = await seedDemoData(database.db);
    expect(result.createdCount).toBe(0);
    expect(result.keptCount).toBe(9);
    expect(await countRows()).toEqual({ workspaces: 1, users: 4, memberships: 4 });
    expect(await database.db.user.findMany({ orderBy: { email: 'asc' } })).toEqual(before);
  });

  it('keeps a role an admin changed', async () => {
    const first = await seedDemoData(database.db);
    const designer = first.users.find(({ user }) => user.email === 'designer@lumenforge.local');
    if (!designer) throw new Error('designer missing');
    await new MembershipRepository(database.db).setRole({ ...designer.membership, role: 'engineer' });
    await seedDemoData(database.db);
    const membership = await new MembershipRepository(database.db).find(designer.membership);
    expect(membership?.role).toBe('engineer');
  });

  it('survives concurrent runs', async () => {
    await Promise.all([seedDemoData(database.db), seedDemoData(database.db), seedDemoData(database.db)]);
    expect(await countRows()).toEqual({ workspaces: 1, users: 4, memberships: 4 });
  });
});
