import { randomUUID } from 'node:crypto';
import type { TAuditContext, TAuditLog } from '@lumenforge/db';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { createRuntime, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { exportDtcgJson, loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSetService, TokenValidationError, type TTokenSetService } from './token-set.service';

const quiet = { info: () => undefined, error: () => undefined };
const ACCENT = 'color.accent.slate.$root';
const red = { colorSpace: 'srgb', components: [0.8, 0.1, 0.1], hex: '#cc1a1a' };

/** A request's audit context that remembers the rows it heard of (as apiRoute's does). */
function requestContext(): TAuditContext & { heard: TAuditLog[] } {
  const heard: TAuditLog[] = [];
  return {
    ip: '203.0.113.21',
    userAgent: 'slate-audit-test',
    correlationId: randomUUID(),
    onAudited: (entry) => heard.push(entry),
    heard,
  };
}

describe('SLATE token writes: one audit row each, committed with the write', () => {
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let service: TTokenSetService;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    runtime = createRuntime({
      service: 'slate',
      env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 5 },
      db: testDb.db,
      logger: quiet,
    });
    service = createTokenSetService({ db: runtime.db, cache: runtime.cache, bus: runtime.bus });
  });
  afterAll(async () => {
    await runtime?.close();
    await testDb?.drop();
  });

  const rowsOf = (context: TAuditContext) =>
    testDb.db.auditLog.findMany({ where: { correlationId: context.correlationId } });

  it('edit, publish, restore, import and discard each write exactly one row with the request fields', async () => {
    const workspaceId = (await makeWorkspace(testDb.db)).id;
    const user = await makeUser(testDb.db);
    const actor = { userId: user.id, name: user.name };
    await service.ensure(workspaceId);

    const edit = requestContext();
    await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: red } }],
      actor,
      undefined,
      edit,
    );
    const publish = requestContext();
    const published = await service.publish(workspaceId, { changelog: 'Red accent' }, actor, publish);
    const restore = requestContext();
    await service.restore(workspaceId, 1, {}, actor, restore);
    const imported = requestContext();
    await service.importDtcg(workspaceId, exportDtcgJson(loadDefaultTokenSet()), actor, imported);
    const discard = requestContext();
    await service.discardDraft(workspaceId, actor, discard);

    const expected: [ReturnType<typeof requestContext>, string, Record<string, unknown>][] = [
      [edit, 'tokens.draft_saved', { how: 'edited', operations: [`set ${ACCENT}`] }],
      [publish, 'tokens.published', { version: published.number }],
      // The restore also moves the draft; that is part of the restore, not a second action.
      [restore, 'tokens.restored', { restoredFrom: 1 }],
      [imported, 'tokens.draft_saved', { how: 'imported' }],
      [discard, 'tokens.draft_saved', { how: 'discarded' }],
    ];
    for (const [context, action, metadata] of expected) {
      const rows = await rowsOf(context);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action,
        result: 'success',
        actorUserId: user.id,
        workspaceId,
        ip: '203.0.113.21',
        userAgent: 'slate-audit-test',
        metadata: expect.objectContaining(metadata),
      });
      expect(context.heard.map((entry) => entry.id)).toEqual([rows[0]?.id]);
    }
  });

  it('a refused edit or a stale save writes no row (apiRoute then writes the refusal)', async () => {
    const workspaceId = (await makeWorkspace(testDb.db)).id;
    const user = await makeUser(testDb.db);
    const actor = { userId: user.id, name: user.name };
    const refused = requestContext();
    await expect(
      service.applyOperations(
        workspaceId,
        [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: 'not a colour' } }],
        actor,
        undefined,
        refused,
      ),
    ).rejects.toBeInstanceOf(TokenValidationError);
    const stale = requestContext();
    await expect(
      service.applyOperations(
        workspaceId,
        [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: red } }],
        actor,
        '2000-01-01T00:00:00.000Z',
        stale,
      ),
    ).rejects.toThrow(/Someone else saved the draft/);
    expect(await rowsOf(refused)).toHaveLength(0);
    expect(await rowsOf(stale)).toHaveLength(0);
    expect([...refused.heard, ...stale.heard]).toHaveLength(0);
  });

  it('the first use of a workspace (version 1.0.0) is the system’s row, not the request’s', async () => {
    const workspaceId = (await makeWorkspace(testDb.db)).id;
    const user = await makeUser(testDb.db);
    const edit = requestContext();
    await service.applyOperations(
      workspaceId,
      [{ op: 'set', path: ACCENT, theme: 'light', token: { $value: red } }],
      { userId: user.id, name: user.name },
      undefined,
      edit,
    );
    expect(edit.heard.map((entry) => entry.action)).toEqual(['tokens.draft_saved']);
  });
});
