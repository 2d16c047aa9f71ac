import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { API_TOKEN_LAST_USED_INTERVAL_MS, type ApiTokenRepository } from './api-token.repository';
import { ZApiTokenSchema } from './api-token.schema';
import { createRepositories } from './repositories';
import {
  apiTokenDisplayPrefix,
  generateApiToken,
  generateSessionToken,
  hashSessionToken,
  hashToken,
  isApiTokenFormat,
} from './session-token';
import { makeApiToken } from './test-factories';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from './testing';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
/** created_at has millisecond precision: a short pause keeps "newest first" unambiguous. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('API token helpers', () => {
  it('are lf_ + 256 random bits (base64url), hashed with the same SHA-256 as session tokens', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateApiToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^lf_[A-Za-z0-9_-]{43}$/);
      expect(isApiTokenFormat(token)).toBe(true);
      expect(apiTokenDisplayPrefix(token)).toBe(token.slice(3, 11));
      expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    }
    expect(hashSessionToken).toBe(hashToken);
    for (const garbage of [
      '',
      'lf_',
      'lf_short',
      generateSessionToken(),
      `lf_${'a'.repeat(42)}!`,
      `LF_${'a'.repeat(43)}`,
    ]) {
      expect(isApiTokenFormat(garbage), garbage).toBe(false);
    }
  });
});

describe('ApiTokenRepository', () => {
  let database: TTestDatabase;
  let apiTokens: ApiTokenRepository;
  beforeAll(async () => {
    database = await createTestDatabase();
    apiTokens = createRepositories(database.db).apiTokens;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates a token, returns it once and stores only its SHA-256 and display prefix', async () => {
    const user = await makeUser(database.db);
    const workspace = await makeWorkspace(database.db);
    const expiresAt = inDays(30);
    const { apiToken, token } = await apiTokens.create({
      userId: user.id,
      workspaceId: workspace.id,
      name: '  CI deploys  ',
      scopes: ['tokens.read', 'deploy.staging'],
      expiresAt,
    });
    expect(token).toMatch(/^lf_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toEqual({
      id: expect.any(String),
      userId: user.id,
      workspaceId: workspace.id,
      name: 'CI deploys',
      prefix: token.slice(3, 11),
      scopes: ['tokens.read', 'deploy.staging'],
      createdAt: expect.any(Date),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(apiToken).not.toHaveProperty('tokenHash');

    const stored = await database.db.$queryRaw<Array<{ token_hash: string }>>`
      SELECT token_hash FROM api_tokens WHERE id = ${apiToken.id}::uuid`;
    expect(stored[0]?.token_hash).toBe(hashToken(token));
    const leaked = await database.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM api_tokens t WHERE position(${token.slice(3)} in t::text) > 0`;
    expect(Number(leaked[0]?.n)).toBe(0);

    expect(await apiTokens.findById(apiToken.id)).toEqual(apiToken);
    expect(await apiTokens.findById('not-a-uuid')).toBeNull();
  });

  it('validates name, scopes and expiry', async () => {
    const user = await makeUser(database.db);
    const workspace = await makeWorkspace(database.db);
    const valid = {
      userId: user.id,
      workspaceId: workspace.id,
      name: 'ok',
      scopes: ['tokens.read'],
      expiresAt: inDays(1),
    };
    const invalid = [
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { scopes: [] },
      { scopes: ['tokens.read', 'tokens.read'] },
      { scopes: [''] },
      { scopes: ['tokens read'] },
      { expiresAt: new Date(Date.now() - 1_000) },
      { expiresAt: inDays(367) },
      { expiresAt: new Date(Number.NaN) },
    ];
    for (const override of invalid) {
      await expect(apiTokens.create({ ...valid, ...override }), JSON.stringify(override)).rejects.toThrow(
        ZodError,
      );
    }
    await expect(
      apiTokens.create({ ...valid, expiresAt: new Date(Date.now() + 366 * DAY - 60_000) }),
    ).resolves.toBeTruthy();
    expect(await apiTokens.listForUser(user.id)).toHaveLength(1);
  });

  it('finds an active token by its value, and not an expired, revoked, unknown or malformed one', async () => {
    const { apiToken, token, user } = await makeApiToken(database.db, { expiresAt: inDays(1) });
    const found = await apiTokens.findActiveByToken(token);
    expect(found).toMatchObject({ id: apiToken.id, userId: user.id, revokedAt: null });
    expect(ZApiTokenSchema.strict().safeParse(found).success).toBe(true);

    expect(await apiTokens.findActiveByToken(token, inDays(2))).toBeNull(); // past its expiry
    expect(await apiTokens.findActiveByToken(generateApiToken())).toBeNull();
    expect(await apiTokens.findActiveByToken(`${token}x`)).toBeNull();
    expect(await apiTokens.findActiveByToken(token.slice(3))).toBeNull();
    expect(await apiTokens.findActiveByToken('')).toBeNull();

    expect(await apiTokens.revoke(user.id, apiToken.id)).toBe(true);
    expect(await apiTokens.findActiveByToken(token)).toBeNull();
  });

  it('records lastUsedAt at most once a minute', async () => {
    const { apiToken, token } = await makeApiToken(database.db);
    const t0 = new Date(Date.now() + 1_000);
    expect((await apiTokens.findActiveByToken(token, t0))?.lastUsedAt).toEqual(t0);
    const soon = new Date(t0.getTime() + 30_000);
    expect((await apiTokens.findActiveByToken(token, soon))?.lastUsedAt).toEqual(t0);
    const later = new Date(t0.getTime() + API_TOKEN_LAST_USED_INTERVAL_MS);
    expect((await apiTokens.findActiveByToken(token, later))?.lastUsedAt).toEqual(later);
    expect((await apiTokens.findById(apiToken.id))?.lastUsedAt).toEqual(later);

    // Concurrent requests after the interval: every one succeeds, one write wins.
    const burst = new Date(later.getTime() + 2 * API_TOKEN_LAST_USED_INTERVAL_MS);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        apiTokens.findActiveByToken(token, new Date(burst.getTime() + index)),
      ),
    );
    expect(results.every((result) => result?.id === apiToken.id)).toBe(true);
    const lastUsedAt = (await apiTokens.findById(apiToken.id))?.lastUsedAt?.getTime() ?? 0;
    expect(lastUsedAt - burst.getTime()).toBeGreaterThanOrEqual(0);
    expect(lastUsedAt - burst.getTime()).toBeLessThan(5);
  });

  it('lists a user’s tokens newest first, revoked and expired ones included', async () => {
    const user = await makeUser(database.db);
    const workspace = await makeWorkspace(database.db);
    const first = await makeApiToken(database.db, { user, workspace, name: 'first' });
    await tick();
    const second = await makeApiToken(database.db, {
      user,
      workspace,
      name: 'second',
      expiresAt: new Date(Date.now() + 500),
    });
    await tick();
    await tick();
    const third = await makeApiToken(database.db, { user, workspace, name: 'third' });
    await makeApiToken(database.db, { workspace, name: 'someone else’s' });
    await tick();
    const otherWorkspace = await makeApiToken(database.db, { user, name: 'other workspace' });
    await apiTokens.revoke(user.id, first.apiToken.id);

    const listed = await apiTokens.listForUser(user.id);
    expect(listed.map((token) => token.name)).toEqual(['other workspace', 'third', 'second', 'first']);
    expect(listed.find((token) => token.id === first.apiToken.id)?.revokedAt).toBeInstanceOf(Date);
    expect(listed.find((token) => token.id === second.apiToken.id)?.expiresAt).toEqual(
      second.apiToken.expiresAt,
    );
    expect(listed.every((token) => !('tokenHash' in token))).toBe(true);
    expect(
      (await apiTokens.listForUser(user.id, { workspaceId: workspace.id })).map((token) => token.id),
    ).toEqual([third.apiToken.id, second.apiToken.id, first.apiToken.id]);
    expect(otherWorkspace.apiToken.workspaceId).not.toBe(workspace.id);
    expect(await apiTokens.listForUser('not-a-uuid')).toEqual([]);
  });

  it('revokes only the owner’s token, idempotently, keeping the first revocation time', async () => {
    const { apiToken, token, user } = await makeApiToken(database.db);
    const intruder = await makeUser(database.db);
    expect(await apiTokens.revoke(intruder.id, apiToken.id)).toBe(false);
    expect(await apiTokens.findActiveByToken(token)).not.toBeNull();

    const at = new Date('2026-11-23T09:00:00.000Z');
    expect(await apiTokens.revoke(user.id, apiToken.id, at)).toBe(true);
    expect(await apiTokens.revoke(user.id, apiToken.id)).toBe(true);
    expect((await apiTokens.findById(apiToken.id))?.revokedAt).toEqual(at);
    expect(await apiTokens.findActiveByToken(token)).toBeNull();

    expect(await apiTokens.revoke(user.id, '00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await apiTokens.revoke(user.id, 'garbage')).toBe(false);
  });

  it('revokes all of a user’s tokens (deactivation) and no one else’s', async () => {
    const user = await makeUser(database.db);
    const a = await makeApiToken(database.db, { user });
    const b = await makeApiToken(database.db, { user });
    const other = await makeApiToken(database.db);
    await apiTokens.revoke(user.id, a.apiToken.id);
    expect(await apiTokens.revokeAllForUser(user.id)).toBe(1);
    expect(await apiTokens.findActiveByToken(b.token)).toBeNull();
    expect(await apiTokens.findActiveByToken(other.token)).not.toBeNull();
    expect(await apiTokens.revokeAllForUser(user.id)).toBe(0);
  });

  it('deletes a user’s tokens with the user, and a workspace’s with the workspace', async () => {
    const { apiToken, user } = await makeApiToken(database.db);
    const kept = await makeApiToken(database.db);
    await database.db.user.delete({ where: { id: user.id } });
    expect(await apiTokens.findById(apiToken.id)).toBeNull();
    expect(await apiTokens.findById(kept.apiToken.id)).not.toBeNull();

    await database.db.workspace.delete({ where: { id: kept.workspace.id } });
    expect(await apiTokens.findById(kept.apiToken.id)).toBeNull();
  });

  it('refuses rows that bypass the repository with blank names or no scopes (CHECK constraints)', async () => {
    const { user, workspace } = await makeApiToken(database.db);
    const insert = (name: string, scopes: string[]) => database.db.$executeRaw`
      INSERT INTO api_tokens (user_id, workspace_id, name, token_hash, prefix, scopes, expires_at)
      VALUES (${user.id}::uuid, ${workspace.id}::uuid, ${name}, ${hashToken(generateApiToken())}, 'abcdefgh', ${scopes}, now() + interval '1 day')`;
    await expect(insert('  ', ['tokens.read'])).rejects.toThrow();
    await expect(insert('ok', [])).rejects.toThrow();
    await expect(insert('ok', ['tokens.read'])).resolves.toBe(1);
  });
});
