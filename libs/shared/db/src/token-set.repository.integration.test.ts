import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DbConflictError } from './db-errors';
import { createRepositories } from './repositories';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from './testing';

const DRAFT = { base: { color: { $type: 'color' } }, themes: { light: {}, dark: {} } };
const EMPTY_DIFF = { changes: [] };

describe('TokenSetRepository', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const setup = async () => {
    const workspace = await makeWorkspace(database.db);
    const user = await makeUser(database.db);
    const repo = createRepositories(database.db).tokenSets;
    const set = await repo.create({ workspaceId: workspace.id, name: 'Luminera', draft: DRAFT });
    return { workspace, user, repo, set };
  };

  const version = (
    tokenSetId: string,
    number: number,
    authorId: string | null,
    semver = `${number}.0.0`,
  ) => ({
    tokenSetId,
    number,
    semver,
    changelog: `Version ${number}`,
    authorId,
    content: { base: { n: number }, themes: {} },
    diff: EMPTY_DIFF,
    bump: 'major' as const,
    isBreaking: number > 1,
  });

  it('creates one set per workspace and refuses a second', async () => {
    const { workspace, repo, set } = await setup();
    expect(set).toMatchObject({
      workspaceId: workspace.id,
      draft: DRAFT,
      latestVersion: null,
      draftBasedOn: null,
    });
    await expect(repo.create({ workspaceId: workspace.id, name: 'Again', draft: DRAFT })).rejects.toThrow(
      DbConflictError,
    );
    expect(await repo.findByWorkspace(workspace.id)).toMatchObject({ id: set.id, name: 'Luminera' });
    expect(await repo.findByWorkspace('not-a-uuid')).toBeNull();
  });

  it('saves the draft only when nobody saved it since it was loaded', async () => {
    const { user, repo, set } = await setup();
    const next = { ...DRAFT, base: { spacing: {} } };
    const saved = await repo.saveDraft({
      tokenSetId: set.id,
      draft: next,
      updatedById: user.id,
      expectedUpdatedAt: set.draftUpdatedAt,
      at: new Date(set.draftUpdatedAt.getTime() + 1000),
    });
    expect(saved).toMatchObject({ draft: next, draftUpdatedBy: { id: user.id, name: user.name } });
    // A second editor still holding the old timestamp: refused, the first save stays.
    const stale = await repo.saveDraft({
      tokenSetId: set.id,
      draft: DRAFT,
      updatedById: user.id,
      expectedUpdatedAt: set.draftUpdatedAt,
    });
    expect(stale).toBeNull();
    expect((await repo.findByWorkspace(set.workspaceId))?.draft).toEqual(next);
  });

  it('appends versions in order, rebases the draft, and lists them newest first', async () => {
    const { user, repo, set } = await setup();
    const first = await repo.appendVersion(version(set.id, 1, null));
    expect(first).toMatchObject({ number: 1, semver: '1.0.0', author: null, restoredFrom: null });
    await repo.appendVersion({ ...version(set.id, 2, user.id), restoredFrom: 1 });
    const reloaded = await repo.findByWorkspace(set.workspaceId);
    expect(reloaded).toMatchObject({ latestVersion: 2, draftBasedOn: 2 });
    const list = await repo.listVersions(set.id);
    expect(list.map((v) => v.number)).toEqual([2, 1]);
    expect(list[0]).toMatchObject({ author: { id: user.id }, restoredFrom: 1, isBreaking: true });
    expect(list[0]).not.toHaveProperty('content');
    expect((await repo.findVersion(set.id, 1))?.content).toEqual({ base: { n: 1 }, themes: {} });
    expect(await repo.findVersion(set.id, 3)).toBeNull();
    expect((await repo.findLatestVersionForWorkspace(set.workspaceId))?.number).toBe(2);
  });

  it('lets only one of two concurrent publishers of the same number win, writing nothing for the other', async () => {
    const { repo, set } = await setup();
    await repo.appendVersion(version(set.id, 1, null));
    const attempt = (semver: string) =>
      database.db.$transaction((tx) =>
        createRepositories(tx).tokenSets.appendVersion(version(set.id, 2, null, semver)),
      );
    const results = await Promise.allSettled([attempt('2.0.0'), attempt('1.1.0')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(DbConflictError);
    expect((await repo.listVersions(set.id)).map((v) => v.number)).toEqual([2, 1]);
  });

  it('refuses a number that skips ahead, a duplicate semver, a bad semver and a blank changelog', async () => {
    const { repo, set } = await setup();
    await expect(repo.appendVersion(version(set.id, 2, null))).rejects.toThrow(DbConflictError);
    await repo.appendVersion(version(set.id, 1, null));
    await expect(
      database.db.$transaction((tx) =>
        createRepositories(tx).tokenSets.appendVersion(version(set.id, 2, null, '1.0.0')),
      ),
    ).rejects.toThrow(/1\.0\.0 already exists/);
    // The failed publish rolled back its latestVersion move.
    expect((await repo.findByWorkspace(set.workspaceId))?.latestVersion).toBe(1);
    await expect(repo.appendVersion(version(set.id, 2, null, 'v2'))).rejects.toThrow(ZodError);
    await expect(repo.appendVersion({ ...version(set.id, 2, null), changelog: '  ' })).rejects.toThrow(
      /changelog is required/,
    );
  });

  it('keeps versions when their author is deleted', async () => {
    const { user, repo, set } = await setup();
    await repo.appendVersion(version(set.id, 1, user.id));
    await database.db.user.delete({ where: { id: user.id } });
    expect((await repo.findVersion(set.id, 1))?.author).toBeNull();
  });
});
