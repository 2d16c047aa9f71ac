import { randomUUID } from 'node:crypto';
import type { TAuditContext, TAuditLog } from '@lumenforge/db';
import type { TDbTransaction } from '@lumenforge/db/server';
import type { TWorkspace } from '@lumenforge/db';
import {
  createTestDatabase,
  makeMembership,
  makeWorkspace,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import type { TEventBus } from '@lumenforge/event-bus';
import { createPostgresEventBus } from '@lumenforge/event-bus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeRole,
  completeSignIn,
  createApiToken,
  revokeApiToken,
  revokeSession,
  setUserActive,
  signOutEverywhere,
  type TAccountDeps,
} from './account-service';
import { createPostgresSessionStore } from './postgres-session-store';
import { permissionsFor, type TRole } from './permissions';
import type { TPrincipal } from './principal';

const TIMEOUTS = { idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 3_600, touchIntervalSeconds: 60 };

/** A request's audit context that remembers which rows it heard of (as `apiRoute`'s does). */
function requestContext(): TAuditContext & { heard: TAuditLog[] } {
  const heard: TAuditLog[] = [];
  return {
    ip: '203.0.113.7',
    userAgent: 'audit-test/1.0',
    correlationId: `audit-${randomUUID()}`,
    onAudited: (entry) => heard.push(entry),
    heard,
  };
}

describe('account actions: one audit row each, in the transaction of the change', () => {
  let database: TTestDatabase;
  let deps: TAccountDeps;
  let workspace: TWorkspace;
  let workspaceId: string;

  const principalOf = (userId: string, role: TRole, sessionId: string | null = null): TPrincipal => ({
    kind: 'session',
    userId,
    email: `${userId}@test.lumenforge.local`,
    name: 'Tester',
    role,
    workspaceId,
    permissions: permissionsFor(role),
    sessionId,
    tokenId: null,
    authTime: new Date(),
    mfa: true,
  });
  const rowsOf = (correlationId: string) =>
    database.db.auditLog.findMany({ where: { correlationId }, orderBy: { occurredAt: 'asc' } });
  const member = async (role: TRole) => (await makeMembership(database.db, { role, workspace })).user;

  beforeAll(async () => {
    database = await createTestDatabase();
    workspace = await makeWorkspace(database.db);
    workspaceId = workspace.id;
    deps = {
      db: database.db,
      bus: createPostgresEventBus({ db: database.db, databaseUrl: database.url, onError: () => undefined }),
      sessions: createPostgresSessionStore(database.db, TIMEOUTS),
    };
  });
  afterAll(async () => {
    await deps?.bus.close();
    await database?.drop();
  });

  it('writes exactly one row per action with actor, target, IP, user agent, result and correlation id', async () => {
    const admin = await member('admin');
    const designer = await member('designer');
    const actor = principalOf(admin.id, 'admin');

    const roleChange = requestContext();
    await changeRole(deps, { actor, userId: designer.id, role: 'engineer', context: roleChange });
    const deactivation = requestContext();
    await setUserActive(deps, { actor, userId: designer.id, active: false, context: deactivation });
    const tokenCreation = requestContext();
    const created = await createApiToken(deps, {
      principal: actor,
      name: 'ci',
      scopes: ['tokens.read'],
      expiresAt: new Date(Date.now() + 86_400_000),
      context: tokenCreation,
    });
    const tokenRevocation = requestContext();
    expect(
      await revokeApiToken(deps, { principal: actor, tokenId: created.id, context: tokenRevocation }),
    ).toBe(true);
    const { session } = await deps.sessions.create({
      userId: admin.id,
      workspaceId,
      authTime: new Date(),
      mfa: true,
      ip: null,
      userAgent: null,
    });
    const sessionRevocation = requestContext();
    expect(
      await revokeSession(deps, { principal: actor, sessionId: session.id, context: sessionRevocation }),
    ).toBe(true);
    const everywhere = requestContext();
    await signOutEverywhere(deps, { principal: actor, context: everywhere });

    const expected: [ReturnType<typeof requestContext>, string, string, string][] = [
      [roleChange, 'user.role_changed', 'user', designer.id],
      [deactivation, 'user.deactivated', 'user', designer.id],
      [tokenCreation, 'api_token.created', 'api_token', created.id],
      [tokenRevocation, 'api_token.revoked', 'api_token', created.id],
      [sessionRevocation, 'session.revoked', 'session', session.id],
      [everywhere, 'auth.signout_everywhere', 'user', admin.id],
    ];
    for (const [context, action, targetType, targetId] of expected) {
      const rows = await rowsOf(context.correlationId);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action,
        result: 'success',
        actorUserId: admin.id,
        workspaceId,
        targetType,
        targetId,
        ip: '203.0.113.7',
        userAgent: 'audit-test/1.0',
      });
      // The request heard of its row, so apiRoute writes no second one.
      expect(context.heard.map((entry) => entry.id)).toEqual([rows[0]?.id]);
    }
  });

  it('writes nothing for a change that did not happen (unknown token or session, unknown user)', async () => {
    const admin = await member('admin');
    const actor = principalOf(admin.id, 'admin');
    const context = requestContext();
    expect(await revokeApiToken(deps, { principal: actor, tokenId: randomUUID(), context })).toBe(false);
    expect(await revokeSession(deps, { principal: actor, sessionId: randomUUID(), context })).toBe(false);
    await expect(
      changeRole(deps, { actor, userId: randomUUID(), role: 'designer', context }),
    ).rejects.toThrow(/No user/);
    expect(await rowsOf(context.correlationId)).toHaveLength(0);
    expect(context.heard).toHaveLength(0);
  });

  it('rolls the audit row back with a change whose transaction fails after the row was written', async () => {
    const admin = await member('admin');
    const designer = await member('designer');
    const context = requestContext();
    // The outbox insert comes after the audit row in changeRole's transaction; it fails here.
    const failingBus: TEventBus<TDbTransaction> = {
      ...deps.bus,
      publish: async () => {
        throw new Error('outbox unavailable');
      },
    };
    await expect(
      changeRole(
        { ...deps, bus: failingBus },
        { actor: principalOf(admin.id, 'admin'), userId: designer.id, role: 'engineer', context },
      ),
    ).rejects.toThrow('outbox unavailable');
    // The row was written inside the transaction, and went with it: no success row, no role change.
    expect(context.heard).toHaveLength(1);
    expect(await rowsOf(context.correlationId)).toHaveLength(0);
    const membership = await database.db.membership.findFirst({
      where: { userId: designer.id, workspaceId },
    });
    expect(membership?.role).toBe('designer');
  });

  it('audits a sign-in once, and a refused one (deactivated) once with its reason and claimed subject', async () => {
    const user = await member('designer');
    const input = {
      issuer: 'http://issuer.test',
      roleClaim: 'groups',
      roleMapping: new Map<string, TRole>(),
      workspaceId,
      previousSessionToken: null,
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'provider-sub-1', email: user.email, iat: now, exp: now + 60, amr: ['pwd', 'otp'] };
    const signIn = requestContext();
    await completeSignIn(deps, { ...input, claims, context: signIn });
    expect(await rowsOf(signIn.correlationId)).toEqual([
      expect.objectContaining({ action: 'auth.signin', result: 'success', actorUserId: user.id }),
    ]);

    await database.db.user.update({ where: { id: user.id }, data: { status: 'deactivated' } });
    const refused = requestContext();
    await expect(completeSignIn(deps, { ...input, claims, context: refused })).rejects.toMatchObject({
      code: 'deactivated',
    });
    const rows = await rowsOf(refused.correlationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'auth.signin',
      result: 'denied',
      actorUserId: user.id,
      ip: '203.0.113.7',
      userAgent: 'audit-test/1.0',
      metadata: { claimedSubject: 'provider-sub-1', reason: expect.stringMatching(/^deactivated/) },
    });
  });
});
