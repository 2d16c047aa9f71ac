import { describe, expect, it } from 'vitest';
import {
  ADMIN_PAGE_SIZE,
  isAuditCursor,
  parseDateBound,
  ZAuditQuerySchema,
  ZUpdateUserBodySchema,
  ZUserListQuerySchema,
} from './admin-schemas';

const ID = '0b8f3c2e-4a1d-4f6e-9a3b-2c1d0e9f8a7b';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('parseDateBound', () => {
  it('reads a day as its start, or as the start of the next day for an upper bound', () => {
    expect(parseDateBound('2026-01-31', 'start')?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseDateBound('2026-01-31', 'end')?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });
  it('reads an ISO date-time with a zone as that instant', () => {
    expect(parseDateBound('2026-01-31T10:00:00+02:00', 'end')?.toISOString()).toBe(
      '2026-01-31T08:00:00.000Z',
    );
  });
  it('refuses days that do not exist and times without a zone', () => {
    expect(parseDateBound('2026-02-30', 'start')).toBeNull();
    expect(parseDateBound('2026-13-01', 'start')).toBeNull();
    expect(parseDateBound('2026-01-31T10:00:00', 'start')).toBeNull();
    expect(parseDateBound('yesterday', 'start')).toBeNull();
  });
});

describe('isAuditCursor', () => {
  it('accepts base64url of "<ISO time>|<uuid>"', () => {
    expect(isAuditCursor(cursorOf(`2026-01-31T10:00:00.000Z|${ID}`))).toBe(true);
  });
  it('refuses tampered, truncated or foreign values', () => {
    expect(isAuditCursor(cursorOf(`2026-01-31T10:00:00.000Z|not-a-uuid`))).toBe(false);
    expect(isAuditCursor(cursorOf(`not a time|${ID}`))).toBe(false);
    expect(isAuditCursor(cursorOf(`2026-01-31T10:00:00.000Z|${ID}|extra`))).toBe(false);
    expect(isAuditCursor('a+b/c=')).toBe(false);
    expect(isAuditCursor('')).toBe(false);
  });
});

describe('ZAuditQuerySchema', () => {
  it('defaults the page size and reads every filter', () => {
    const query = ZAuditQuerySchema.parse({
      action: 'user.',
      result: 'denied',
      actor: 'Ada@Example.com',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(query).toMatchObject({
      action: 'user.',
      result: 'denied',
      actor: { kind: 'email', email: 'ada@example.com' },
      limit: ADMIN_PAGE_SIZE,
    });
    expect(query.to?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(ZAuditQuerySchema.parse({ actor: ID.toUpperCase() }).actor).toEqual({ kind: 'id', id: ID });
  });
  it('accepts exact actions and prefixes, and refuses anything else', () => {
    for (const action of ['user.role_changed', 'user.', 'user.*', 'api.admin.users.update'])
      expect(ZAuditQuerySchema.safeParse({ action }).success, action).toBe(true);
    for (const action of ['user..x', 'drop table', '.user', 'user.**'])
      expect(ZAuditQuerySchema.safeParse({ action }).success, action).toBe(false);
  });
  it('names the problem of each bad filter', () => {
    const parsed = ZAuditQuerySchema.safeParse({
      result: 'maybe',
      actor: 'nobody',
      limit: '500',
      from: '2026-02-30',
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['result', 'actor', 'limit', 'from']));
  });
  it('refuses a range that ends before it starts', () => {
    const parsed = ZAuditQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['to'], message: 'must be after from' });
  });
});

describe('ZUserListQuerySchema and ZUpdateUserBodySchema', () => {
  it('reads the users filters with a default page size', () => {
    expect(ZUserListQuerySchema.parse({ role: 'admin', status: 'active', limit: '10' })).toEqual({
      role: 'admin',
      status: 'active',
      limit: 10,
    });
    expect(ZUserListQuerySchema.safeParse({ role: 'root' }).success).toBe(false);
  });
  it('needs a role, active, or both, and nothing else', () => {
    expect(ZUpdateUserBodySchema.parse({ role: 'engineer' })).toEqual({ role: 'engineer' });
    expect(ZUpdateUserBodySchema.parse({ active: false })).toEqual({ active: false });
    expect(ZUpdateUserBodySchema.safeParse({}).success).toBe(false);
    expect(ZUpdateUserBodySchema.safeParse({ role: 'engineer', email: 'x@y.z' }).success).toBe(false);
    expect(ZUpdateUserBodySchema.safeParse({ active: 'yes' }).success).toBe(false);
  });
});
