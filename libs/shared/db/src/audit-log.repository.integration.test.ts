import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogRepository } from './audit-log.repository';
import type { TAuditLog } from './audit-log.schema';
import { createTestDatabase, makeUser, makeWorkspace, type TTestDatabase } from './testing';
import type { TUser } from './user.schema';

describe('AuditLogRepository', () => {
  let database: TTestDatabase;
  let auditLogs: AuditLogRepository;
  let ada: TUser;
  let bob: TUser;
  const appended: TAuditLog[] = [];
  const base = new Date('2026-11-23T12:00:00.000Z').getTime();

  beforeAll(async () => {
    database = await createTestDatabase();
    auditLogs = new AuditLogRepository(database.db);
    ada = await makeUser(database.db, { name: 'Ada' });
    bob = await makeUser(database.db, { name: 'Bob' });
    const workspace = await makeWorkspace(database.db);
    // 30 entries over 10 distinct instants: three rows share each timestamp, so paging must break ties by id.
    for (let i = 0; i < 30; i += 1) {
      appended.push(
        await auditLogs.append({
          occurredAt: new Date(base + Math.floor(i / 3) * 1_000),
          actorUserId: i % 2 === 0 ? ada.id : bob.id,
          workspaceId: workspace.id,
          action: i % 3 === 0 ? 'user.login' : i % 3 === 1 ? 'tokens.updated' : 'user.role_changed',
          targetType: 'user',
          targetId: String(i),
          result: i % 5 === 0 ? 'denied' : 'success',
          correlationId: `corr-${i}`,
          metadata: { index: i, nested: { ok: true } },
        }),
      );
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('appends entries with defaults and JSON metadata', async () => {
    const entry = await auditLogs.append({ action: 'system.maintenance' });
    expect(entry).toMatchObject({
      action: 'system.maintenance',
      result: 'success',
      metadata: {},
      actorUserId: null,
    });
    expect(entry.occurredAt).toBeInstanceOf(Date);
    expect(appended[4]?.metadata).toEqual({ index: 4, nested: { ok: true } });
    await database.db.auditLog.delete({ where: { id: entry.id } });
  });

  it('pages newest first and returns every row exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await auditLogs.list({ limit: 7, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    const expected = [...appended]
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((entry) => entry.id);
    expect(seen).toEqual(expected);
  });

  it('filters by actor, action (exact or prefix), result and time range', async () => {
    const byAda = await auditLogs.list({ actorUserId: ada.id, limit: 100 });
    expect(byAda.items).toHaveLength(15);
    expect(byAda.items.every((item) => item.actorUserId === ada.id)).toBe(true);

    expect((await auditLogs.list({ action: 'user.login', limit: 100 })).items).toHaveLength(10);
    expect((await auditLogs.list({ action: 'user.', limit: 100 })).items).toHaveLength(20);
    expect((await auditLogs.list({ action: 'user*', limit: 100 })).items).toHaveLength(20);
    expect((await auditLogs.list({ result: 'denied', limit: 100 })).items).toHaveLength(6);

    const window = await auditLogs.list({
      from: new Date(base + 2_000),
      to: new Date(base + 5_000),
      limit: 100,
    });
    expect(window.items).toHaveLength(9);
    expect(
      window.items.every(
        (item) => item.occurredAt.getTime() >= base + 2_000 && item.occurredAt.getTime() < base + 5_000,
      ),
    ).toBe(true);

    const combined: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await auditLogs.list({ actorUserId: bob.id, action: 'user.', limit: 2, cursor });
      combined.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(combined).toHaveLength(10);
    expect(new Set(combined).size).toBe(10);
  });

  it('rejects a malformed cursor', async () => {
    await expect(auditLogs.list({ cursor: 'garbage' })).rejects.toThrow('Invalid audit log cursor');
  });
});
