import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionRepository } from './session.repository';
import { hashSessionToken } from './session-token';
import { makeSession } from './test-factories';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from './testing';

const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../../prisma/migrations');
const AUTH_TIME_MIGRATION = '20261123231500_add_api_tokens_and_session_auth_time';

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
      authTime: new Date('2026-11-23T08:00:00.000Z'),
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
      authTime: new Date('2026-11-23T08:00:00.000Z'),
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
      authTime: new Date(),
    });
    expect(await sessions.findActiveByToken(token)).toBeNull();
    expect((await sessions.findByToken(token))?.id).toBe(session.id);
  });

  it('revokes a session; revoking again keeps the first time', async () => {
    const user = await makeUser(database.db);
    const { session, token } = await sessions.create({
      userId: user.id,
      expiresAt: new Date(Date.now() + HOUR),
      authTime: new Date(),
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
    const authTime = new Date();
    const a = await sessions.create({ userId: user.id, expiresAt, authTime });
    const b = await sessions.create({ userId: user.id, expiresAt, authTime });
    const c = await sessions.create({ userId: user.id, expiresAt, authTime });
    expect(await sessions.revokeByToken(a.token)).toBe(true);
    expect(await sessions.revokeByToken(a.token)).toBe(false);
    expect(await sessions.listActiveForUser(user.id)).toHaveLength(2);
    expect(await sessions.revokeAllForUser(user.id, { exceptSessionId: c.session.id })).toBe(1);
    expect(await sessions.findActiveByToken(b.token)).toBeNull();
    expect((await sessions.listActiveForUser(user.id)).map((session) => session.id)).toEqual([c.session.id]);
  });

  it('touches and cleans up sessions', async () => {
    const user = await makeUser(database.db);
    const { session } = await sessions.create({
      userId: user.id,
      expiresAt: new Date(Date.now() + HOUR),
      authTime: new Date(),
    });
    const seenAt = new Date(Date.now() + 60_000);
    const extended = new Date(Date.now() + 2 * HOUR);
    const touched = await sessions.touch(session.id, { at: seenAt, expiresAt: extended });
    expect(touched.lastSeenAt).toEqual(seenAt);
    expect(touched.expiresAt).toEqual(extended);

    await sessions.create({
      userId: user.id,
      expiresAt: new Date('2020-01-01T00:00:00Z'),
      authTime: new Date('2019-12-31T00:00:00Z'),
    });
    expect(await sessions.deleteEnded(new Date())).toBeGreaterThanOrEqual(1);
    expect(await sessions.findById(session.id)).not.toBeNull();
  });

  it('keeps authTime apart from createdAt and takes the caller’s clock for createdAt/lastSeenAt', async () => {
    const user = await makeUser(database.db);
    const createdAt = new Date('2026-11-23T10:00:00.000Z');
    const authTime = new Date('2026-11-23T09:58:30.000Z');
    const { session } = await sessions.create({
      userId: user.id,
      expiresAt: new Date(createdAt.getTime() + HOUR),
      authTime,
      createdAt,
    });
    expect(session).toMatchObject({ createdAt, lastSeenAt: createdAt, authTime });
    expect(await sessions.findById(session.id)).toEqual(session);
  });

  it('applies the idle cut-off (seenAfter) to lookups and lists', async () => {
    const { session, token, user } = await makeSession(database.db);
    const seenAt = session.lastSeenAt;
    const justBefore = new Date(seenAt.getTime() - 1);
    expect((await sessions.findActiveByToken(token, new Date(), { seenAfter: justBefore }))?.id).toBe(
      session.id,
    );
    expect(await sessions.findActiveByToken(token, new Date(), { seenAfter: seenAt })).toBeNull();
    expect(await sessions.listActiveForUser(user.id, new Date(), { seenAfter: seenAt })).toEqual([]);
    expect(await sessions.listActiveForUser(user.id, new Date(), { seenAfter: justBefore })).toHaveLength(1);
  });

  it('touches only a stale, unrevoked session (touchIfStale), never moving lastSeenAt back', async () => {
    const { session } = await makeSession(database.db);
    const t0 = session.lastSeenAt.getTime();
    // Seen within the interval: nothing written.
    expect(
      await sessions.touchIfStale(session.id, {
        at: new Date(t0 + 10_000),
        staleBefore: new Date(t0 - 50_000),
      }),
    ).toBeNull();
    const touched = await sessions.touchIfStale(session.id, {
      at: new Date(t0 + 60_000),
      staleBefore: new Date(t0 + 1),
    });
    expect(touched?.lastSeenAt).toEqual(new Date(t0 + 60_000));
    // Concurrent touches with the same cut-off: exactly one writes.
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        sessions.touchIfStale(session.id, {
          at: new Date(t0 + 120_000 + index),
          staleBefore: new Date(t0 + 60_001),
        }),
      ),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    await sessions.revoke(session.id);
    expect(
      await sessions.touchIfStale(session.id, {
        at: new Date(t0 + 600_000),
        staleBefore: new Date(t0 + 500_000),
      }),
    ).toBeNull();
  });

  it('revokes a live session by token once, returning it (revokeLiveByToken)', async () => {
    const { session, token } = await makeSession(database.db);
    const results = await Promise.all([sessions.revokeLiveByToken(token), sessions.revokeLiveByToken(token)]);
    const revoked = results.filter((result) => result !== null);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ id: session.id });
    expect(revoked[0]?.revokedAt).toBeInstanceOf(Date);
    expect(await sessions.revokeLiveByToken(token)).toBeNull();

    const idle = await makeSession(database.db);
    expect(await sessions.revokeLiveByToken(idle.token, { seenAfter: idle.session.lastSeenAt })).toBeNull();
    expect(await sessions.revokeLiveByToken('unknown-token-unknown-token-unknown-token')).toBeNull();
  });

  it('revokes by id only for the owning user (revokeLiveForUser)', async () => {
    const { session, user } = await makeSession(database.db);
    const other = await makeUser(database.db);
    expect(await sessions.revokeLiveForUser(other.id, session.id)).toBeNull();
    expect((await sessions.findById(session.id))?.revokedAt).toBeNull();
    expect((await sessions.revokeLiveForUser(user.id, session.id))?.id).toBe(session.id);
    expect(await sessions.revokeLiveForUser(user.id, session.id)).toBeNull();
  });

  it('revokes ended sessions too, counting only the live ones when asked (revokeAllForUser countLive)', async () => {
    const user = await makeUser(database.db);
    await makeSession(database.db, { user });
    await makeSession(database.db, { user });
    const expired = await makeSession(database.db, { user, expiresAt: new Date(Date.now() - 1_000) });
    expect(await sessions.revokeAllForUser(user.id, { countLive: {} })).toBe(2);
    expect((await sessions.findById(expired.session.id))?.revokedAt).toBeInstanceOf(Date);
    expect(await sessions.revokeAllForUser(user.id)).toBe(0);
  });

  it('gives sessions that existed before auth_time their created_at (migration)', async () => {
    const raw = await createTestDatabase({ migrate: false });
    const client = new pg.Client({ connectionString: raw.url });
    await client.connect();
    try {
      const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      expect(folders).toContain(AUTH_TIME_MIGRATION);
      const apply = (folder: string) =>
        client.query(readFileSync(resolve(MIGRATIONS_DIR, folder, 'migration.sql'), 'utf8'));
      for (const folder of folders.filter((name) => name < AUTH_TIME_MIGRATION)) await apply(folder);
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO users (email, name, updated_at) VALUES ('old@test.lumenforge.local', 'Old', now()) RETURNING id`,
      );
      await client.query(
        `INSERT INTO sessions (user_id, token_hash, created_at, expires_at)
         VALUES ($1, 'hash-of-an-old-session', '2026-11-01T12:00:00.000Z', now() + interval '1 hour')`,
        [rows[0]?.id],
      );
      await apply(AUTH_TIME_MIGRATION);
      const migrated = await client.query<{ auth_time: Date; nullable: string }>(
        `SELECT s.auth_time, c.is_nullable::text AS nullable FROM sessions s, information_schema.columns c
         WHERE c.table_name = 'sessions' AND c.column_name = 'auth_time'`,
      );
      expect(migrated.rows).toEqual([{ auth_time: new Date('2026-11-01T12:00:00.000Z'), nullable: 'NO' }]);
    } finally {
      await client.end();
      await raw.drop();
    }
  });
});
