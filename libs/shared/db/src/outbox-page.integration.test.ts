import {
  BUILD_FAILED,
  BUILD_STARTED,
  createEvent,
  SYSTEM_ALERT,
  TOKENS_UPDATED,
  USER_LOGIN,
  type TEventEnvelope,
} from '@lumenforge/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutboxPage, OUTBOX_PAGE_MAX_LIMIT, sequenceOutbox } from './outbox.repository';
import { createRepositories } from './repositories';
import { createTestDatabase, type TTestDatabase } from './testing';

const WORKSPACE_A = '0f8f2b8e-3a51-4d2c-9d0e-5b1f7c1a2b3c';
const WORKSPACE_B = '7c2d9e4a-1b6f-4e8a-a3c5-9d0f1e2a3b4c';
const actor = { type: 'system', id: 'outbox-page-test' } as const;

let testDb: TTestDatabase;
/** Correlation ids in log order (position 1 first). */
const written: Array<{ correlationId: string; subject: string; workspaceId: string | null }> = [];

function eventAt(index: number): TEventEnvelope {
  const correlationId = `page-${index}`;
  // A repeating mix of subjects and workspaces, so every filter has something to keep and drop.
  switch (index % 5) {
    case 0:
      return createEvent(BUILD_STARTED, {
        data: BUILD_STARTED.sample,
        actor,
        correlationId,
        workspaceId: WORKSPACE_A,
      });
    case 1:
      return createEvent(TOKENS_UPDATED, {
        data: TOKENS_UPDATED.sample,
        actor,
        correlationId,
        workspaceId: WORKSPACE_B,
      });
    case 2:
      return createEvent(SYSTEM_ALERT, {
        data: SYSTEM_ALERT.sample,
        actor,
        correlationId,
        workspaceId: null,
      });
    case 3:
      return createEvent(BUILD_FAILED, {
        data: BUILD_FAILED.sample,
        actor,
        correlationId,
        workspaceId: WORKSPACE_A,
      });
    default:
      return createEvent(USER_LOGIN, { data: USER_LOGIN.sample, actor, correlationId, workspaceId: null });
  }
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const repos = createRepositories(testDb.db);
  for (let index = 0; index < 25; index += 1) {
    const event = eventAt(index);
    await repos.outbox.append(event);
    written.push({
      correlationId: event.correlationId,
      subject: event.subject,
      workspaceId: event.workspaceId,
    });
    // Sequence as we go so positions follow creation order exactly.
    await sequenceOutbox(testDb.db);
  }
});
afterAll(async () => {
  await testDb.drop();
});

const ids = (page: { records: Array<{ envelope: TEventEnvelope }> }) =>
  page.records.map((record) => record.envelope.correlationId);

describe('listOutboxPage', () => {
  it('returns the newest events first, with a cursor to the next older page', async () => {
    const page = await listOutboxPage(testDb.db, { limit: 4 });
    expect(ids(page)).toEqual(['page-24', 'page-23', 'page-22', 'page-21']);
    expect(page.records.map((record) => record.position)).toEqual([25, 24, 23, 22]);
    expect(page.nextBefore).toBe(22);
  });

  it('follows the cursor through the whole log without gaps or repeats, then ends', async () => {
    const seen: string[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listOutboxPage(testDb.db, { limit: 7, ...(before ? { before } : {}) });
      seen.push(...ids(page));
      pages += 1;
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(written.map((event) => event.correlationId).reverse());
  });

  it('gives no next cursor when the page ends exactly at the oldest event', async () => {
    const page = await listOutboxPage(testDb.db, { limit: 5, before: 6 });
    expect(ids(page)).toEqual(['page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
    expect(page.nextBefore).toBeNull();
  });

  it('filters by exact subjects; an empty subject list matches nothing', async () => {
    const page = await listOutboxPage(testDb.db, {
      limit: 50,
      subjects: ['wissil.build.started', 'wissil.build.failed'],
    });
    const expected = written
      .filter((event) => event.subject.startsWith('wissil.build.'))
      .map((event) => event.correlationId)
      .reverse();
    expect(ids(page)).toEqual(expected);
    expect(await listOutboxPage(testDb.db, { limit: 50, subjects: [] })).toEqual({
      records: [],
      nextBefore: null,
    });
    // A prefix is not a subject: filters are exact.
    expect((await listOutboxPage(testDb.db, { limit: 50, subjects: ['wissil.build'] })).records).toEqual([]);
  });

  it("keeps a workspace's events and platform-wide ones, never another workspace's", async () => {
    const page = await listOutboxPage(testDb.db, { limit: 50, workspaceId: WORKSPACE_A });
    const workspaces = new Set(page.records.map((record) => record.envelope.workspaceId));
    expect(workspaces).toEqual(new Set([WORKSPACE_A, null]));
    expect(ids(page)).toEqual(
      written
        .filter((event) => event.workspaceId !== WORKSPACE_B)
        .map((event) => event.correlationId)
        .reverse(),
    );
    const combined = await listOutboxPage(testDb.db, {
      limit: 3,
      workspaceId: WORKSPACE_B,
      subjects: ['wissil.tokens.updated', 'wissil.build.started'],
    });
    expect(ids(combined)).toEqual(['page-21', 'page-16', 'page-11']);
    expect(combined.nextBefore).toBe(12);
    const rest = await listOutboxPage(testDb.db, {
      limit: 3,
      before: 12,
      workspaceId: WORKSPACE_B,
      subjects: ['wissil.tokens.updated', 'wissil.build.started'],
    });
    expect(ids(rest)).toEqual(['page-6', 'page-1']);
    expect(rest.nextBefore).toBeNull();
  });

  it('clamps the limit to 1 … OUTBOX_PAGE_MAX_LIMIT and ignores an invalid cursor', async () => {
    expect((await listOutboxPage(testDb.db, { limit: 0 })).records).toHaveLength(1);
    expect((await listOutboxPage(testDb.db, { limit: -5 })).records).toHaveLength(1);
    expect((await listOutboxPage(testDb.db, { limit: Number.NaN })).records).toHaveLength(1);
    expect((await listOutboxPage(testDb.db, { limit: 2.9 })).records).toHaveLength(2);
    const all = await listOutboxPage(testDb.db, { limit: OUTBOX_PAGE_MAX_LIMIT * 10 });
    expect(all.records).toHaveLength(25);
    expect(all.nextBefore).toBeNull();
    expect(await listOutboxPage(testDb.db, { limit: 10, before: 0 })).toEqual({
      records: [],
      nextBefore: null,
    });
    expect(await listOutboxPage(testDb.db, { limit: 10, before: 1 })).toEqual({
      records: [],
      nextBefore: null,
    });
  });

  it('leaves out committed rows the sequencer has not reached yet', async () => {
    const pending = eventAt(100);
    await createRepositories(testDb.db).outbox.append(pending);
    const page = await listOutboxPage(testDb.db, { limit: 50 });
    expect(ids(page)).not.toContain(pending.correlationId);
    expect(page.records).toHaveLength(25);
    await sequenceOutbox(testDb.db);
    expect(ids(await listOutboxPage(testDb.db, { limit: 1 }))).toEqual([pending.correlationId]);
    await testDb.db.outboxEvent.delete({ where: { id: pending.id } });
  });
});
