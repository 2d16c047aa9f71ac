import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionRepository } from './session.repository';
import { hashSessionToken } from './session-token';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from './testing';

const HOUR = 3_600_000;

describe('SessionRepository', () => {
  let database: TTestDatabase;
  let sessions: SessionRepository;
  beforeAll(async () => {
    database = await createTestDatabase();
    sessions = new SessionRepository(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates a session and stores only the SHA-256 of its token', async () => {
    const user = await makeUser(database.db);
    const workspace = await makeWorkspace(database.db);
    const { session, token } = await sessions.create({
      userId: user.id,
      workspaceId: workspace.id,
      expiresAt: new Date(Date.now() + HOUR),
      mfa: true,
      ip: '203.0.113.7',
      userAgent: 'vitest',
    });
    expect(session).toMatchObject({
      userId: user.id,
      workspaceId: workspace.id,
      mfa: true,
      revokedAt: null,
      ip: '203.0.113.7',
    });
    expect(session).not.toHaveProperty('tokenHash');

    const stored = await database.db.$queryRaw<
      Array<{ token_hash: string }>
    >`SELECT token_hash FROM sessions WHERE id = ${session.id}::uuid`;
    expect(stored[0]?.token_hash).toBe(hashSessionToken(token));
    const leaked = await database.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM sessions s WHERE position(${token} in s::text) > 0`;
    expect(Number(leaked[0]?.n)).toBe(0);

    expect(await sessions.findActiveByToken(token)).toEqual(session);
    expect(await sessions.findByToken(token)).toEqual(session);
    expect(await sessions.findActiveByToken(`${token}x`)).toBeNull();
  });

  it('does not treat an expired session as active', async () => {
    const user = await makeUser(database.db);
    const { session, token } = await sessions.create({
      userId: user.id,
      expiresAt: new Date(Date.now() - 1_000),
    });
    expect(await sessions.findActiveByToken(token)).toBeNull();
    expect((await sessions.findByToken(token))?.id).toBe(session.id);
  });

  it('revokes a session; revoking again keeps the first time', async () => {
    const user = await makeUser(database.db);
    const { session, token } = await sessions.create({
      userId: user.id,
      expiresAt: new Date(Date.now() + HOUR),
    });
    const at = new Date('2026-11-23T09:00:00.000Z');
    const revoked = await sessions.revoke(session.id, at);
    expect(revoked.revokedAt).toEqual(at);
    expect(await sessions.findActiveByToken(token)).toBeNull();
    expect((await sessions.revoke(session.id, new Date())).revokedAt).toEqual(at);
    await expect(sessions.revoke('00000000-0000-4000-8000-000000000000')).rejects.toThrow('No session');
  });

  it('revokes by token and for all of a user’s sessions but one', async () => {
    const user = await makeUser(database.db);
    const expiresAt = new Date(Date.now() + HOUR);
    const a = await sessions.create({ userId: user.id, expiresAt });
    const b = await sessions.create({ userId: user.id, expiresAt });
    const c = await sessions.create({ userId: user.id, expiresAt });
    expect(await sessions.revokeByToken(a.token)).toBe(true);
    expect(await sessions.revokeByToken(a.token)).toBe(false);
    expect(await sessions.listActiveForUser(user.id)).toHaveLength(2);
    expect(await sessions.revokeAllForUser(user.id, { exceptSessionId: c.session.id })).toBe(1);
    expect(await sessions.findActiveByToken(b.token)).toBeNull();
    expect((await sessions.listActiveForUser(user.id)).map((session) => session.id)).toEqual([c.session.id]);
  });

  it('touches and cleans up sessions', async () => {
    const user = await makeUser(database.db);
    const { session } = await sessions.create({ userId: user.id, expiresAt: new Date(Date.now() + HOUR) });
    const seenAt = new Date(Date.now() + 60_000);
    const extended = new Date(Date.now() + 2 * HOUR);
    const touched = await sessions.touch(session.id, { at: seenAt, expiresAt: extended });
    expect(touched.lastSeenAt).toEqual(seenAt);
    expect(touched.expiresAt).toEqual(extended);

    await sessions.create({ userId: user.id, expiresAt: new Date('2020-01-01T00:00:00Z') });
    expect(await sessions.deleteEnded(new Date())).toBeGreaterThanOrEqual(1);
    expect(await sessions.findById(session.id)).not.toBeNull();
  });
});
