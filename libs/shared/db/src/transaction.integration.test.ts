import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from './repositories';
import { createTestDatabase, type TTestDatabase } from './testing';

describe('repositories in one $transaction', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const counts = async () => ({
    users: await database.db.user.count(),
    workspaces: await database.db.workspace.count(),
    memberships: await database.db.membership.count(),
    auditLogs: await database.db.auditLog.count(),
  });

  it('writes nothing when the transaction throws', async () => {
    const before = await counts();
    await expect(
      database.db.$transaction(async (tx) => {
        const repos = createRepositories(tx);
        const user = await repos.users.create({ email: 'rollback@example.com', name: 'Rolled Back' });
        const workspace = await repos.workspaces.create({ slug: 'rollback', name: 'Rollback' });
        await repos.memberships.setRole({ userId: user.id, workspaceId: workspace.id, role: 'admin' });
        await repos.auditLogs.append({ action: 'user.role_changed', actorUserId: user.id });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await counts()).toEqual(before);
    expect(await createRepositories(database.db).users.findByEmail('rollback@example.com')).toBeNull();
  });

  it('rolls back earlier writes when a later write conflicts', async () => {
    await createRepositories(database.db).users.create({ email: 'first@example.com', name: 'First' });
    const before = await counts();
    await expect(
      database.db.$transaction(async (tx) => {
        const repos = createRepositories(tx);
        await repos.workspaces.create({ slug: 'half-done', name: 'Half done' });
        await repos.users.create({ email: 'first@example.com', name: 'Duplicate' });
      }),
    ).rejects.toThrow('already exists');
    expect(await counts()).toEqual(before);
  });

  it('commits every write together when it succeeds', async () => {
    const before = await counts();
    await database.db.$transaction(async (tx) => {
      const repos = createRepositories(tx);
      const user = await repos.users.create({ email: 'commit@example.com', name: 'Committed' });
      const workspace = await repos.workspaces.create({ slug: 'commit', name: 'Commit' });
      await repos.memberships.setRole({ userId: user.id, workspaceId: workspace.id, role: 'engineer' });
      await repos.auditLogs.append({
        action: 'user.role_changed',
        actorUserId: user.id,
        workspaceId: workspace.id,
      });
    });
    expect(await counts()).toEqual({
      users: before.users + 1,
      workspaces: before.workspaces + 1,
      memberships: before.memberships + 1,
      auditLogs: before.auditLogs + 1,
    });
  });
});
