import { SessionRepository } from '@lumenforge/db/server';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresSessionStore } from './postgres-session-store';
import { describeSessionStoreContract } from './session-store.contract';

// A throwaway database with the platform's migrations (sessions.user_id references users: the
// contract gets real users and workspaces from the db lib's factories).
let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describeSessionStoreContract('postgres', {
  create: async (timeouts) => createPostgresSessionStore(database.db, timeouts),
  createUserId: async () => (await makeUser(database.db)).id,
  createWorkspaceId: async () => (await makeWorkspace(database.db)).id,
});

describe('createPostgresSessionStore', () => {
  const timeouts = { idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 3_600, touchIntervalSeconds: 60 };

  it('keeps the absolute expiry in sessions.expires_at and the sign-in time in auth_time', async () => {
    const store = createPostgresSessionStore(database.db, timeouts);
    const user = await makeUser(database.db);
    const authTime = new Date(Date.now() - 5_000);
    const { session, token } = await store.create({
      userId: user.id,
      workspaceId: null,
      authTime,
      mfa: true,
      ip: null,
      userAgent: null,
    });
    const row = await new SessionRepository(database.db).findByToken(token);
    expect(row).toMatchObject({
      id: session.id,
      expiresAt: session.absoluteExpiresAt,
      authTime,
      createdAt: session.createdAt,
      lastSeenAt: session.createdAt,
    });
  });

  it('writes nothing within the touch interval and ends a revoked session for good', async () => {
    const store = createPostgresSessionStore(database.db, timeouts);
    const user = await makeUser(database.db);
    const { session, token } = await store.create({
      userId: user.id,
      workspaceId: null,
      authTime: new Date(),
      mfa: false,
      ip: null,
      userAgent: null,
    });
    const sessions = new SessionRepository(database.db);
    await store.findActive(token, new Date(session.createdAt.getTime() + 30_000));
    expect((await sessions.findById(session.id))?.lastSeenAt).toEqual(session.createdAt);
    expect(await store.revokeById(user.id, session.id)).toBe(true);
    expect((await sessions.findById(session.id))?.revokedAt).toBeInstanceOf(Date);
    expect(await store.findActive(token, new Date(session.createdAt.getTime() + 120_000))).toBeNull();
    expect((await sessions.findById(session.id))?.lastSeenAt).toEqual(session.createdAt);
  });
});
