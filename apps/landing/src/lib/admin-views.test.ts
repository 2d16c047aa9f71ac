import type { TAuditLog, TUserWithRole } from '@lumenforge/db';
import { describe, expect, it } from 'vitest';
import { auditUserIds, toAdminUserView, toAuditEntryView } from './admin-views';

const ADA = 'a1b2c3d4-0000-4000-8000-0000000000aa';
const BOB = 'a1b2c3d4-0000-4000-8000-0000000000bb';
const GONE = 'a1b2c3d4-0000-4000-8000-0000000000cc';

function entry(overrides: Partial<TAuditLog> = {}): TAuditLog {
  return {
    id: 'e1b2c3d4-0000-4000-8000-000000000001',
    occurredAt: new Date('2026-12-07T10:00:00.000Z'),
    actorUserId: ADA,
    workspaceId: null,
    action: 'user.role_changed',
    targetType: 'user',
    targetId: BOB,
    ip: '203.0.113.5',
    userAgent: 'curl/8.5.0',
    result: 'success',
    correlationId: 'corr-1',
    metadata: { previousRole: 'designer', newRole: 'engineer' },
    ...overrides,
  };
}

describe('toAdminUserView', () => {
  it('marks the admin’s own row and gives times in ISO 8601', () => {
    const user = {
      id: ADA,
      email: 'ada@example.test',
      name: 'Ada',
      role: 'admin',
      status: 'active',
      lastLoginAt: null,
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
      updatedAt: new Date('2026-01-01T00:00:00.000Z'),
    } as TUserWithRole;
    expect(toAdminUserView(user, ADA)).toMatchObject({
      isSelf: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(toAdminUserView(user, BOB).isSelf).toBe(false);
  });
});

describe('toAuditEntryView', () => {
  const users = new Map([
    [ADA, { name: 'Ada', email: 'ada@example.test' }],
    [BOB, { name: 'Bob', email: 'bob@example.test' }],
  ]);

  it('names the actor and a user target, and keeps IP, user agent, result and correlation id', () => {
    expect(toAuditEntryView(entry(), users)).toMatchObject({
      occurredAt: '2026-12-07T10:00:00.000Z',
      actor: { id: ADA, name: 'Ada', email: 'ada@example.test' },
      targetUser: { id: BOB, name: 'Bob' },
      ip: '203.0.113.5',
      userAgent: 'curl/8.5.0',
      result: 'success',
      correlationId: 'corr-1',
    });
  });
  it('keeps the id of a user who no longer exists, and names no user for other targets', () => {
    const view = toAuditEntryView(
      entry({ actorUserId: GONE, targetType: 'api_token', targetId: 'x' }),
      users,
    );
    expect(view.actor).toEqual({ id: GONE, name: null, email: null });
    expect(view.targetUser).toBeNull();
    expect(toAuditEntryView(entry({ actorUserId: null }), users).actor).toBeNull();
  });
});

describe('auditUserIds', () => {
  it('lists actors and user targets once each', () => {
    expect(
      auditUserIds([
        entry(),
        entry({ actorUserId: BOB, targetId: ADA }),
        entry({ actorUserId: null, targetType: 'session', targetId: GONE }),
      ]),
    ).toEqual([ADA, BOB]);
  });
});
