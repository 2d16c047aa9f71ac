import { randomUUID } from 'node:crypto';
import { DbConflictError, DbNotFoundError } from '@lumenforge/db';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { waitFor } from '@lumenforge/event-bus/testing';
import { runHealthChecks } from '@lumenforge/health';
import { createRuntime, publishedTheme, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { exportDtcgJson, loadDefaultTokenSet, resolveAlias } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSetService, TokenValidationError, type TTokenSetService } from './token-set.service';

const quiet = { info: () => undefined, error: () => undefined };
const context = () => ({ correlationId: randomUUID(), ip: '203.0.113.9', userAgent: 'vitest' });
const ACCENT = 'color.accent.slate.$root';
const red = { colorSpace: 'srgb', components: [0.8, 0.1, 0.1], hex: '#cc1a1a' };

describe('token set service (PostgreSQL, events, caches of two apps)', () => {
  let testDb: TTestDatabase;
  let slate: TPlatformRuntime;
  let spark: TPlatformRuntime;
  let service: TTokenSetService;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const env = { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 5 };
    slate = createRuntime({ service: 'slate', env, db: testDb.db, logger: quiet });
    spark = createRuntime({ service: 'spark', env, db: testDb.db, logger: quiet });
    for (const runtime of [slate, spark]) {
      await runtime.startBackground({
        healthIntervalMs: 60_000,
        healthReport: () =>
          runHealthChecks({ service: runtime.service, version: 'test', uptimeSeconds: 1, checks: [] }),
      });
    }
    service = createTokenSetService({ db: slate.db, cache: slate.cache, bus: slate.bus });
  });
  afterAll(async () => {
    await Promise.all([slate?.close(), spark?.close()]);
    await testDb?.drop();
  });

  const setup = async () => {
    const workspace = await makeWorkspace(testDb.db);
    const user = await makeUser(testDb.db);
    return { workspaceId: workspace.id, actor: { userId: user.id, name: user.name } };
  };
  const tokenEvents = (workspaceId: string) =>
    testDb.db.outboxEvent.findMany({
      where: { subject: 'wissil.tokens.updated', workspaceId },
      orderBy: { createdAt: 'asc' },
    });

  it('starts every workspace from the default set as version 1.0.0, once, even when asked twice at once', async () => {
    const { workspaceId } = await setup();
    await Promise.all([service.ensure(workspaceId), service.ensure(workspaceId)]);
    const versions = await service.versions(workspaceId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, semver: '1.0.0', author: null, isBreaking: false });
    expect((await service.published(workspaceId)).set).toEqual(loadDefaultTokenSet());
    const events = await tokenEvents(workspaceId);
    expect(events).toHaveLength(1);
    expect((events[0]?.envelope as { data: unknown }).data).toMatchObject({
      version: 1,
      previousVersion: null,
      semver: '1.0.0',
      previousSemver: null,
    });
    const draft = await service.draft(workspaceId);
    expect(draft).toMatchObject({ basedOn: 1, hasChanges: false, issues: [] });
  });

  it('refuses a bad colour with the token path, keeps the draft, then saves the fixed value', async () => {
    const { workspaceId, actor } = await setup();
    const before = await service.draft(workspaceId);
    const bad = service.applyOperations(
      workspaceId,
      [
        {
          op: 'set',
          path: ACCENT,
          theme: 'light',
          token: { $value: { colorSpace: 'srgb', components: [2, 0] } },
        },
      ],
      actor,
      before.updatedAt,
    );
    await expect(bad).rejects.toBeInstanceOf(TokenValidationError);
    const error = (await bad.catch((e: unknown) => e)) as TokenValidationError;
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues.every((issue) => issue.path.startsWith(ACCENT))).toBe(true);
    expect((await service.draft(workspaceId)).updatedAt).toBe(before.updatedAt);

    const saved = await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: red } }],
      actor,
      before.updatedAt,
    );
    expect(saved.hasChanges).toBe(true);
    expect(saved.diff.changes).toEqual([
      expect.objectContaining({ kind: 'value-changed', path: ACCENT, theme: 'light' }),
    ]);
    expect(saved.proposedSemver).toBe('1.0.1');
    expect(saved.updatedBy).toEqual({ id: actor.userId, name: actor.name });

    // A second editor still on the old timestamp cannot overwrite it.
    await expect(
      service.applyOperations(
        workspaceId,
        [{ op: 'remove', path: 'color.bg', theme: 'light' }],
        actor,
        before.updatedAt,
      ),
    ).rejects.toBeInstanceOf(DbConflictError);
  });

  it('publishes with audit and one wissil.tokens.updated, and another app drops its cached theme', async () => {
    const { workspaceId, actor } = await setup();
    await service.ensure(workspaceId);
    expect((await publishedTheme(spark, workspaceId)).version).toBe(1);
    const draft = await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: red } }],
      actor,
    );
    await expect(
      service.publish(workspaceId, { changelog: 'Red accent', semver: '1.0.0' }, actor, context()),
    ).rejects.toThrow(/below the proposed 1\.0\.1/);

    const version = await service.publish(
      workspaceId,
      { changelog: 'Red accent', expectedUpdatedAt: draft.updatedAt },
      actor,
      context(),
    );
    expect(version).toMatchObject({ number: 2, semver: '1.0.1', bump: 'patch', isBreaking: false });
    expect(version.author).toEqual({ id: actor.userId, name: actor.name });

    const events = await tokenEvents(workspaceId);
    expect(events).toHaveLength(2);
    expect((events[1]?.envelope as { data: unknown; actor: unknown }).data).toMatchObject({
      version: 2,
      previousVersion: 1,
      semver: '1.0.1',
      previousSemver: '1.0.0',
      isBreaking: false,
      changeSummary: { added: 0, removed: 0, renamed: 0, changed: 1, deprecated: 0 },
    });
    const audit = await testDb.db.auditLog.findMany({
      where: { workspaceId, action: 'tokens.published', actorUserId: actor.userId },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: actor.userId,
      ip: '203.0.113.9',
      targetType: 'token_version',
    });

    // SPARK's cache consumer drops the old theme; its next read is the published version.
    await waitFor(async () => (await publishedTheme(spark, workspaceId)).version === 2, 10_000);
    expect((await publishedTheme(spark, workspaceId)).css).toMatch(
      /--color-accent: color\(srgb 0\.8 0\.1 0\.1\)|#cc1a1a/,
    );
    expect((await service.published(workspaceId)).version.number).toBe(2);

    await expect(service.publish(workspaceId, { changelog: 'Again' }, actor, context())).rejects.toThrow(
      /no changes/,
    );
    expect(await tokenEvents(workspaceId)).toHaveLength(2);
  });

  it('proposes a major version for a removal and marks it breaking; contrast failures block publishing', async () => {
    const { workspaceId, actor } = await setup();
    await service.ensure(workspaceId);
    const removed = await service.applyOperations(workspaceId, [{ op: 'remove', path: 'radius.xl' }], actor);
    expect(removed.diff).toMatchObject({ bump: 'major', isBreaking: true });
    expect(removed.proposedSemver).toBe('2.0.0');

    // Body text as light as the page: saved in the draft, refused at publish.
    const lowContrast = await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: 'color.fg', theme: 'light', token: { $value: '{color.neutral.50}' } }],
      actor,
    );
    expect(
      lowContrast.issues.some((issue) => issue.rule === 'contrast' && issue.path.includes('color.fg')),
    ).toBe(true);
    await expect(
      service.publish(workspaceId, { changelog: 'Unreadable' }, actor, context()),
    ).rejects.toBeInstanceOf(TokenValidationError);
    expect(await service.versions(workspaceId)).toHaveLength(1);

    await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: 'color.fg', theme: 'light', token: { $value: '{color.neutral.900}' } }],
      actor,
    );
    const published = await service.publish(workspaceId, { changelog: 'Drop radius.xl' }, actor, context());
    expect(published).toMatchObject({ semver: '2.0.0', bump: 'major', isBreaking: true });
  });

  it("refuses to publish subtle text below 4.5:1 even when the set no longer declares that pair (the apps' pairings are always checked)", async () => {
    const { workspaceId, actor } = await setup();
    await service.ensure(workspaceId);
    // The old subtle grey (neutral.500: 3.45–3.79:1 on the light surfaces), with the set's own pairs dropped.
    const weakened = loadDefaultTokenSet();
    delete weakened.base.$extensions;
    (weakened.themes.light['color'] as Record<string, unknown>)['fg-subtle'] = {
      $value: '{color.neutral.500}',
    };
    const draft = await service.importDtcg(workspaceId, exportDtcgJson(weakened), actor);
    const subtle = draft.issues.filter((issue) => issue.path === 'color.fg-subtle');
    expect(subtle.map((issue) => `${issue.theme} ${issue.rule}`)).toEqual(Array(4).fill('light contrast'));
    expect(subtle.map((issue) => issue.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^color\.fg-subtle on color\.surface-sunken is 3\.4\d:1 in light; WCAG 2\.2 needs 4\.5:1/,
        ),
      ]),
    );
    const refused = (await service
      .publish(workspaceId, { changelog: 'Quieter hints' }, actor, context())
      .catch((error: unknown) => error)) as TokenValidationError;
    expect(refused).toBeInstanceOf(TokenValidationError);
    expect(refused.issues.some((issue) => issue.path === 'color.fg-subtle')).toBe(true);
    expect(await service.versions(workspaceId)).toHaveLength(1);
  });

  it('restores an old version as a new one and moves the draft with it', async () => {
    const { workspaceId, actor } = await setup();
    await service.ensure(workspaceId);
    await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: red } }],
      actor,
    );
    await service.publish(workspaceId, { changelog: 'Red' }, actor, context());
    const restored = await service.restore(workspaceId, 1, {}, actor, context());
    expect(restored).toMatchObject({ number: 3, restoredFrom: 1, semver: '1.0.2' });
    expect((await service.published(workspaceId)).set).toEqual(loadDefaultTokenSet());
    expect((await service.draft(workspaceId)).hasChanges).toBe(false);
    await expect(service.restore(workspaceId, 1, {}, actor, context())).rejects.toBeInstanceOf(
      DbConflictError,
    );
    await expect(service.restore(workspaceId, 9, {}, actor, context())).rejects.toBeInstanceOf(
      DbNotFoundError,
    );
  });

  it('imports DTCG JSON all or nothing, reporting every problem', async () => {
    const { workspaceId, actor } = await setup();
    const before = await service.draft(workspaceId);
    const broken = loadDefaultTokenSet();
    (broken.base as Record<string, unknown>)['bad.name'] = { $type: 'number', $value: 1 };
    broken.themes.light['color'] = {
      ...(broken.themes.light['color'] as object),
      bg: { $value: '{color.nope}' },
    };
    const error = (await service
      .importDtcg(workspaceId, exportDtcgJson(broken), actor)
      .catch((e: unknown) => e)) as TokenValidationError;
    expect(error).toBeInstanceOf(TokenValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([expect.stringContaining('bad.name'), expect.stringContaining('color.bg')]),
    );
    expect((await service.draft(workspaceId)).updatedAt).toBe(before.updatedAt);
    await expect(service.importDtcg(workspaceId, '{ "base": ', actor)).rejects.toThrow(/problem/);

    const next = loadDefaultTokenSet();
    (next.base as Record<string, unknown>)['z-index'] = { $type: 'number', modal: { $value: 50 } };
    const imported = await service.importDtcg(workspaceId, exportDtcgJson(next), actor);
    expect(imported.diff.changes).toEqual([
      expect.objectContaining({ kind: 'added', path: 'z-index.modal' }),
    ]);
    expect(imported.proposedSemver).toBe('1.1.0');
  });

  it('serves entries and exports from the cache and refreshes them on publish', async () => {
    const { workspaceId, actor } = await setup();
    const first = await service.entries(workspaceId, { theme: 'dark', resolved: true, category: 'colors' });
    expect(first.version).toBe(1);
    expect(first.tokens.every((entry) => entry.path.startsWith('color.'))).toBe(true);
    const darkBg = first.tokens.find((entry) => entry.path === 'color.bg');
    expect(darkBg?.value).toEqual(resolveAlias(loadDefaultTokenSet(), 'color.bg', 'dark').value);
    const css = await service.exportFile(workspaceId, { format: 'css', theme: 'light' });
    expect(css.body).toContain('--color-bg');

    await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: 'color.bg', theme: 'dark', token: { $value: '{color.black}' } }],
      actor,
    );
    expect(
      (await service.entries(workspaceId, { theme: 'dark', resolved: false, version: 'draft' })).tokens.find(
        (entry) => entry.path === 'color.bg',
      )?.value,
    ).toBe('{color.black}');
    await service.publish(workspaceId, { changelog: 'Black page in dark' }, actor, context());
    const second = await service.entries(workspaceId, { theme: 'dark', resolved: false, category: 'colors' });
    expect(second.version).toBe(2);
    expect(second.tokens.find((entry) => entry.path === 'color.bg')?.value).toBe('{color.black}');
  });
});
