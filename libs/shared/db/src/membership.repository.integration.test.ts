import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRepository } from './membership.repository';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from './testing';

describe('MembershipRepository', () => {
  let database: TTestDatabase;
  let memberships: MembershipRepository;
  beforeAll(async () => {
    database = await createTestDatabase();
    memberships = new MembershipRepository(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('sets a role, reporting the previous one', async () => {
    const user = await makeUser(database.db);
    const workspace = await makeWorkspace(database.db, { name: 'Zeta' });
    const key = { userId: user.id, workspaceId: workspace.id };

    const joined = await memberships.setRole({ ...key, role: 'designer' });
    expect(joined.previousRole).toBeNull();
    expect(joined.membership).toMatchObject({ ...key, role: 'designer' });

    const promoted = await memberships.setRole({ ...key, role: 'admin' });
    expect(promoted.previousRole).toBe('designer');
    expect(promoted.membership.id).toBe(joined.membership.id);
    expect(await memberships.find(key)).toMatchObject({ role: 'admin' });
  });

  it('lists memberships for a user and for a workspace, and removes them', async () => {
    const user = await makeUser(database.db);
    const alpha = await makeWorkspace(database.db, { name: 'Alpha' });
    const beta = await makeWorkspace(database.db, { name: 'Beta' });
    await memberships.setRole({ userId: user.id, workspaceId: beta.id, role: 'engineer' });
    await memberships.setRole({ userId: user.id, workspaceId: alpha.id, role: 'agent' });

    expect(
      (await memberships.listForUser(user.id)).map((entry) => [entry.workspaceSlug, entry.role]),
    ).toEqual([
      [alpha.slug, 'agent'],
      [beta.slug, 'engineer'],
    ]);
    expect((await memberships.listForWorkspace(beta.id)).map((entry) => entry.userId)).toEqual([user.id]);
    expect(await memberships.listForWorkspace(beta.id, { role: 'admin' })).toEqual([]);

    expect(await memberships.remove({ userId: user.id, workspaceId: beta.id })).toBe(true);
    expect(await memberships.remove({ userId: user.id, workspaceId: beta.id })).toBe(false);
    expect(await memberships.find({ userId: user.id, workspaceId: beta.id })).toBeNull();
  });

  it('ensure() keeps an existing role', async () => {
    const user = await makeUser(database.db);
    const workspace = await makeWorkspace(database.db);
    const first = await memberships.ensure({ userId: user.id, workspaceId: workspace.id, role: 'admin' });
    const second = await memberships.ensure({ userId: user.id, workspaceId: workspace.id, role: 'designer' });
    expect(first.isCreated).toBe(true);
    expect(second).toEqual({ membership: first.membership, isCreated: false });
  });
});
