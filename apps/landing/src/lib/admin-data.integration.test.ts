import { permissionsFor, type TPrincipal } from '@lumenforge/auth';
import { createRepositories } from '@lumenforge/db/server';
import {
  createTestDatabase,
  makeMembership,
  makeUser,
  makeWorkspace,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, listUsersForAdmin } from './admin-data';
import { ZAuditQuerySchema, ZUserListQuerySchema } from './admin-schemas';

describe('admin data (real PostgreSQL)', () => {
  let testDb: TTestDatabase;
  let admin: TPrincipal;
  const emails = { admin: '', designer: '', outsider: '' };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const workspace = await makeWorkspace(testDb.db);
    const other = await makeWorkspace(testDb.db);
    const adminUser = (await makeMembership(testDb.db, { role: 'admin', workspace })).user;
    const designer = (await makeMembership(testDb.db, { role: 'designer', workspace })).user;
    const outsider = (await makeMembership(testDb.db, { role: 'admin', workspace: other })).user;
    await makeUser(testDb.db); // no membership anywhere
    Object.assign(emails, { admin: adminUser.email, designer: designer.email, outsider: outsider.email });
    admin = {
      kind: 'session',
      userId: adminUser.id,
      email: adminUser.email,
      name: adminUser.name,
      role: 'admin',
      workspaceId: workspace.id,
      permissions: permissionsFor('admin'),
      sessionId: null,
      tokenId: null,
      mfa: true,
      authTime: new Date(),
    };
    const audit = createRepositories(testDb.db).auditLogs;
    await audit.append({
      action: 'user.role_changed',
      actorUserId: adminUser.id,
      workspaceId: workspace.id,
      targetType: 'user',
      targetId: designer.id,
      ip: '203.0.113.1',
      userAgent: 'curl/8.5.0',
      correlationId: 'admin-data-1',
      metadata: { previousRole: 'engineer', newRole: 'designer' },
    });
    await audit.append({
      action: 'auth.signin',
      result: 'denied',
      ip: '198.51.100.9',
      correlationId: 'admin-data-2',
      metadata: { reason: 'invalid_token: ID token refused (invalid_signature)' },
    });
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('lists the members of the admin’s workspace only, by email, marking the admin’s own row', async () => {
    const { users, nextCursor } = await listUsersForAdmin(testDb.db, admin, ZUserListQuerySchema.parse({}));
    expect(users.map((user) => user.email)).toEqual([emails.admin, emails.designer].sort());
    expect(users.find((user) => user.email === emails.admin)).toMatchObject({ role: 'admin', isSelf: true });
    expect(users.find((user) => user.email === emails.designer)).toMatchObject({
      role: 'designer',
      isSelf: false,
    });
    expect(nextCursor).toBeNull();
    const designers = await listUsersForAdmin(
      testDb.db,
      admin,
      ZUserListQuerySchema.parse({ role: 'designer' }),
    );
    expect(designers.users.map((user) => user.email)).toEqual([emails.designer]);
  });

  it('names actors and user targets, keeps IP, user agent and result, and filters by result', async () => {
    const repos = createRepositories(testDb.db);
    const page = await listAuditEntries(ZAuditQuerySchema.parse({}), repos);
    expect(page.actorUnknown).toBe(false);
    const roleChange = page.entries.find((entry) => entry.correlationId === 'admin-data-1');
    expect(roleChange).toMatchObject({
      actor: { id: admin.userId, email: emails.admin },
      targetUser: { email: emails.designer },
      ip: '203.0.113.1',
      userAgent: 'curl/8.5.0',
      result: 'success',
    });
    const denied = await listAuditEntries(ZAuditQuerySchema.parse({ result: 'denied' }), repos);
    expect(denied.entries.map((entry) => entry.correlationId)).toEqual(['admin-data-2']);
  });

  it('resolves an actor given by email, and answers an unknown email with an empty page', async () => {
    const repos = createRepositories(testDb.db);
    const mine = await listAuditEntries(ZAuditQuerySchema.parse({ actor: emails.admin }), repos);
    expect(mine.entries.map((entry) => entry.correlationId)).toEqual(['admin-data-1']);
    const unknown = await listAuditEntries(ZAuditQuerySchema.parse({ actor: 'nobody@example.test' }), repos);
    expect(unknown).toEqual({ entries: [], nextCursor: null, actorUnknown: true });
  });
});
