import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbConflictError } from './db-errors';
import { createTestDatabase, makeMembership, makeUser, makeWorkspace, type TTestDatabase } from './testing';
import { UserRepository } from './user.repository';

describe('UserRepository', () => {
  let database: TTestDatabase;
  let users: UserRepository;
  beforeAll(async () => {
    database = await createTestDatabase();
    users = new UserRepository(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates a user and finds it by id and by email, case-insensitively', async () => {
    const created = await users.create({ email: '  Grace@Example.COM ', name: 'Grace Hopper' });
    expect(created).toMatchObject({
      email: 'grace@example.com',
      name: 'Grace Hopper',
      status: 'active',
      lastLoginAt: null,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await users.findById(created.id)).toEqual(created);
    expect(await users.findByEmail('GRACE@example.com')).toEqual(created);
    expect(await users.findByEmail('nobody@example.com')).toBeNull();
    expect(await users.findByEmail('not an email')).toBeNull();
  });

  it('rejects a taken email with a clear error and leaves the existing row intact', async () => {
    const existing = await users.create({ email: 'taken@example.com', name: 'First Owner' });
    const countBefore = await users.count();
    const attempt = users.create({ email: 'TAKEN@example.com', name: 'Second Owner' });
    await expect(attempt).rejects.toBeInstanceOf(DbConflictError);
    await expect(attempt).rejects.toThrow('A user with email taken@example.com already exists');
    await attempt.catch((error: DbConflictError) => expect(error.fields).toEqual(['email']));
    expect(await users.count()).toBe(countBefore);
    expect(await users.findById(existing.id)).toEqual(existing);
  });

  it('upserts by email: creates once, then updates the name', async () => {
    const first = await users.upsertByEmail({ email: 'linus@example.com', name: 'Linus' });
    const second = await users.upsertByEmail({ email: 'Linus@Example.com', name: 'Linus Torvalds' });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('Linus Torvalds');
  });

  it('ensures by email without touching an existing user', async () => {
    const first = await users.ensureByEmail({ email: 'ensure@example.com', name: 'Original' });
    const second = await users.ensureByEmail({ email: 'ensure@example.com', name: 'Changed' });
    expect(first.isCreated).toBe(true);
    expect(second).toEqual({ user: first.user, isCreated: false });
  });

  it('records sign-ins and status changes', async () => {
    const user = await makeUser(database.db);
    const at = new Date('2026-11-20T08:30:00.123Z');
    expect((await users.recordLogin(user.id, at)).lastLoginAt).toEqual(at);
    expect((await users.setStatus(user.id, 'deactivated')).status).toBe('deactivated');
    await expect(users.recordLogin('00000000-0000-4000-8000-000000000000')).rejects.toThrow('No user');
  });

  it('lists a workspace’s users with their role and last sign-in, paged by email', async () => {
    const workspace = await makeWorkspace(database.db);
    const other = await makeWorkspace(database.db);
    const lastLoginAt = new Date('2026-11-22T12:00:00.000Z');
    const ada = await makeUser(database.db, { email: 'a-ada@list.test', name: 'Ada', lastLoginAt });
    const bob = await makeUser(database.db, { email: 'b-bob@list.test', name: 'Bob' });
    const cyd = await makeUser(database.db, { email: 'c-cyd@list.test', name: 'Cyd' });
    const outsider = await makeUser(database.db, { email: 'd-out@list.test', name: 'Outsider' });
    await makeMembership(database.db, { user: ada, workspace, role: 'admin' });
    await makeMembership(database.db, { user: bob, workspace, role: 'engineer' });
    await makeMembership(database.db, { user: cyd, workspace, role: 'designer' });
    await makeMembership(database.db, { user: outsider, workspace: other, role: 'admin' });

    const all = await users.listWithRoles({ workspaceId: workspace.id });
    expect(all.items.map((item) => [item.email, item.role])).toEqual([
      ['a-ada@list.test', 'admin'],
      ['b-bob@list.test', 'engineer'],
      ['c-cyd@list.test', 'designer'],
    ]);
    expect(all.items[0]?.lastLoginAt).toEqual(lastLoginAt);
    expect(all.nextCursor).toBeNull();

    const page1 = await users.listWithRoles({ workspaceId: workspace.id, limit: 2 });
    const page2 = await users.listWithRoles({
      workspaceId: workspace.id,
      limit: 2,
      cursor: page1.nextCursor ?? undefined,
    });
    expect([...page1.items, ...page2.items].map((item) => item.id)).toEqual([ada.id, bob.id, cyd.id]);
    expect(page2.nextCursor).toBeNull();

    expect(
      (await users.listWithRoles({ workspaceId: workspace.id, role: 'engineer' })).items.map(
        (item) => item.id,
      ),
    ).toEqual([bob.id]);
    expect(
      (await users.listWithRoles({ workspaceId: workspace.id, search: 'CYD' })).items.map((item) => item.id),
    ).toEqual([cyd.id]);
    const everyone = await users.listWithRoles({
      workspaceId: workspace.id,
      membersOnly: false,
      search: 'list.test',
    });
    expect(everyone.items.find((item) => item.id === outsider.id)?.role).toBeNull();
  });
});
