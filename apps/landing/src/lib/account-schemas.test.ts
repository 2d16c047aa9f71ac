import type { TSessionRecord } from '@lumenforge/auth';
import type { TApiToken } from '@lumenforge/db';
import { describe, expect, it } from 'vitest';
import {
  apiTokenStatus,
  sortSessionViews,
  toApiTokenView,
  toSessionView,
  ZCreateApiTokenBodySchema,
  ZResourceIdSchema,
} from './account-schemas';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

function session(overrides: Partial<TSessionRecord> = {}): TSessionRecord {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    userId: 'a1b2c3d4-0000-4000-8000-0000000000aa',
    workspaceId: null,
    createdAt: at(-3_600_000),
    lastSeenAt: at(-60_000),
    authTime: at(-3_600_000),
    absoluteExpiresAt: at(3_600_000),
    mfa: true,
    ip: '203.0.113.5',
    userAgent: 'curl/8.5.0',
    ...overrides,
  } as TSessionRecord;
}

function token(overrides: Partial<TApiToken> = {}): TApiToken {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000002',
    userId: 'a1b2c3d4-0000-4000-8000-0000000000aa',
    workspaceId: null,
    name: 'ci',
    prefix: 'AbCd1234',
    scopes: ['tokens.read'],
    createdAt: at(-86_400_000),
    expiresAt: at(86_400_000),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  } as TApiToken;
}

describe('ZCreateApiTokenBodySchema', () => {
  it('accepts a name, known unique scopes and whole days up to a year', () => {
    expect(
      ZCreateApiTokenBodySchema.parse({ name: 'ci', scopes: ['tokens.read'], expiresInDays: 30 }),
    ).toEqual({
      name: 'ci',
      scopes: ['tokens.read'],
      expiresInDays: 30,
    });
  });
  it.each([
    [{ name: 'ci', scopes: [], expiresInDays: 30 }, 'scopes'],
    [{ name: 'ci', scopes: ['root'], expiresInDays: 30 }, 'scopes.0'],
    [{ name: 'ci', scopes: ['tokens.read', 'tokens.read'], expiresInDays: 30 }, 'scopes'],
    [{ name: 'ci', scopes: ['tokens.read'], expiresInDays: 366 }, 'expiresInDays'],
    [{ name: 'ci', scopes: ['tokens.read'], expiresInDays: 1.5 }, 'expiresInDays'],
    [{ name: 'ci', scopes: ['tokens.read'], expiresInDays: 30, userId: 'x' }, ''],
  ])('refuses %j at %s', (body, path) => {
    const parsed = ZCreateApiTokenBodySchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
  it('takes only uuids as resource ids', () => {
    expect(ZResourceIdSchema.safeParse('a1b2c3d4-0000-4000-8000-000000000002').success).toBe(true);
    expect(ZResourceIdSchema.safeParse('../etc/passwd').success).toBe(false);
  });
});

describe('session views', () => {
  it('says which session is this browser and names the device, times in ISO 8601', () => {
    const view = toSessionView(session(), 'a1b2c3d4-0000-4000-8000-000000000001');
    expect(view).toMatchObject({
      isCurrent: true,
      device: 'curl 8.5',
      ip: '203.0.113.5',
      lastSeenAt: at(-60_000).toISOString(),
      absoluteExpiresAt: at(3_600_000).toISOString(),
    });
    expect(toSessionView(session(), null).isCurrent).toBe(false);
  });
  it('lists the current session first, then the most recently used', () => {
    const old = toSessionView(session({ id: 'old', lastSeenAt: at(-7_200_000) }), 'current');
    const recent = toSessionView(session({ id: 'recent', lastSeenAt: at(-1_000) }), 'current');
    const current = toSessionView(session({ id: 'current', lastSeenAt: at(-9_000_000) }), 'current');
    expect(sortSessionViews([old, recent, current]).map((view) => view.id)).toEqual([
      'current',
      'recent',
      'old',
    ]);
  });
});

describe('API token views', () => {
  it('derives the status: revoked wins, then expired at or after expiry, else active', () => {
    expect(apiTokenStatus({ expiresAt: at(1), revokedAt: null }, NOW)).toBe('active');
    expect(apiTokenStatus({ expiresAt: NOW, revokedAt: null }, NOW)).toBe('expired');
    expect(apiTokenStatus({ expiresAt: at(-1), revokedAt: at(-5) }, NOW)).toBe('revoked');
  });
  it('shows a recognisable prefix and never the hash or the token', () => {
    const view = toApiTokenView(token({ lastUsedAt: at(-10) }), NOW);
    expect(view).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000002',
      name: 'ci',
      displayPrefix: 'lf_AbCd1234…',
      scopes: ['tokens.read'],
      status: 'active',
      createdAt: at(-86_400_000).toISOString(),
      expiresAt: at(86_400_000).toISOString(),
      lastUsedAt: at(-10).toISOString(),
      revokedAt: null,
    });
  });
});
