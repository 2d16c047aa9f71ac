import { DbNotFoundError, type TAuditContext, type TAuditResult, type TMembershipRole } from '@lumenforge/db';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import type { TEventBus } from '@lumenforge/event-bus';
import {
  createEvent,
  USER_LOGIN,
  USER_LOGOUT,
  USER_ROLE_CHANGED,
  type TEventActor,
} from '@lumenforge/events';
import type { TIdTokenClaims } from './id-token';
import { isMfaAmr } from './id-token';
import { SignInError } from './oidc-relying-party';
import { isPermission, isRole, permissionsFor, type TPermission, type TRole } from './permissions';
import type { TPrincipal } from './principal';
import type { TSessionRecord, TSessionStore } from './session-store.types';

export type { TAuditContext };

/** Where refused sign-ins are logged (pino's logger and `TLogger` fit). */
export type TSignInLogger = { warn: (fields: Record<string, unknown>, message: string) => void };

export type TAccountDeps = {
  db: TDbClient;
  bus: TEventBus<TDbTransaction>;
  sessions: TSessionStore;
};

/** Highest privilege first: a user in several mapped groups gets the strongest role. */
const ROLE_PRECEDENCE: readonly TRole[] = ['admin', 'engineer', 'designer', 'agent'];

/** The role the provider's group claim maps to, or null when no group is mapped. */
export function roleFromClaims(
  claims: TIdTokenClaims,
  roleClaim: string,
  mapping: ReadonlyMap<string, TRole>,
): TRole | null {
  const raw = claims[roleClaim];
  const groups = Array.isArray(raw)
    ? raw.filter((group): group is string => typeof group === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  const roles = new Set(
    groups.map((group) => mapping.get(group)).filter((role): role is TRole => Boolean(role)),
  );
  return ROLE_PRECEDENCE.find((role) => roles.has(role)) ?? null;
}

function userActor(principal: { userId: string; name?: string }): TEventActor {
  return { type: 'user', id: principal.userId, ...(principal.name ? { name: principal.name } : {}) };
}

/** The one row of an attempt that changed nothing (refused or failed), with its reason. */
async function auditRefusal(
  db: TDbClient,
  entry: {
    action: string;
    result: Exclude<TAuditResult, 'success'>;
    actorUserId?: string | null;
    workspaceId?: string | null;
    reason: string;
    metadata?: Record<string, unknown>;
    context: TAuditContext;
  },
) {
  await createRepositories(db).auditLogs.record(entry.context, {
    action: entry.action,
    actorUserId: entry.actorUserId ?? null,
    workspaceId: entry.workspaceId ?? null,
    result: entry.result,
    metadata: { ...entry.metadata, reason: entry.reason.slice(0, 500) },
  });
}

/**
 * After the provider's answer was verified: provisions the user (first sign-in creates them from
 * `email` and `name`), sets the role from the group claim when one maps (else keeps the
 * membership), refuses deactivated users and users without a role, then creates a NEW session
 * (never reusing a token the browser brought: no fixation) and ends the one the browser had.
 * Writes the audit entry and `wissil.user.login` in one transaction.
 */
export async function completeSignIn(
  deps: TAccountDeps,
  input: {
    claims: TIdTokenClaims;
    issuer: string;
    roleClaim: string;
    roleMapping: ReadonlyMap<string, TRole>;
    workspaceId: string;
    previousSessionToken: string | null;
    context: TAuditContext;
  },
): Promise<{ token: string; session: TSessionRecord }> {
  const { claims, context, workspaceId } = input;
  const email = claims.email?.trim().toLowerCase();
  if (!email || claims.email_verified === false) {
    await auditRefusal(deps.db, {
      action: 'auth.signin',
      result: 'denied',
      workspaceId,
      reason: 'no_access: the provider gave no verified email',
      metadata: { claimedSubject: claims.sub },
      context,
    });
    throw new SignInError('no_access', `The provider gave no verified email for ${claims.sub}`);
  }
  const mappedRole = roleFromClaims(claims, input.roleClaim, input.roleMapping);
  const isMfa = isMfaAmr(claims.amr);
  const authTime = typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : new Date();

  const outcome = await deps.db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    const existing = await repos.users.findByEmail(email);
    if (existing && existing.status !== 'active')
      return { refused: 'deactivated' as const, userId: existing.id };
    const user = await repos.users.upsertByEmail({ email, name: claims.name?.trim() || email });
    let role: TMembershipRole | null = null;
    if (mappedRole) {
      const { previousRole } = await repos.memberships.setRole({
        userId: user.id,
        workspaceId,
        role: mappedRole,
      });
      role = mappedRole;
      if (previousRole !== mappedRole)
        await deps.bus.publish(
          createEvent(USER_ROLE_CHANGED, {
            data: { userId: user.id, previousRole, newRole: mappedRole, changedBy: user.id },
            actor: { type: 'system', id: 'identity-provider' },
            correlationId: context.correlationId,
            workspaceId,
          }),
          { tx },
        );
    } else {
      role = (await repos.memberships.find({ userId: user.id, workspaceId }))?.role ?? null;
    }
    if (!role) return { refused: 'no_access' as const, userId: user.id };
    await repos.users.recordLogin(user.id);
    await repos.auditLogs.record(context, {
      action: 'auth.signin',
      actorUserId: user.id,
      workspaceId,
      targetType: 'user',
      targetId: user.id,
      metadata: { provider: input.issuer, mfa: isMfa, amr: claims.amr ?? [], role },
    });
    await deps.bus.publish(
      createEvent(USER_LOGIN, {
        data: { userId: user.id, provider: input.issuer, isMfa },
        actor: userActor({ userId: user.id, name: user.name }),
        correlationId: context.correlationId,
        workspaceId: null,
      }),
      { tx },
    );
    return { refused: null, userId: user.id };
  });

  if (outcome.refused) {
    await auditRefusal(deps.db, {
      action: 'auth.signin',
      result: 'denied',
      actorUserId: outcome.userId,
      workspaceId,
      reason:
        outcome.refused === 'deactivated'
          ? 'deactivated: the account is deactivated'
          : 'no_access: no role in the workspace',
      metadata: { claimedSubject: claims.sub },
      context,
    });
    throw new SignInError(outcome.refused, `Sign-in refused for ${email}: ${outcome.refused}`);
  }
  if (input.previousSessionToken) await deps.sessions.revoke(input.previousSessionToken);
  return deps.sessions.create({
    userId: outcome.userId,
    workspaceId,
    authTime,
    mfa: isMfa,
    ip: context.ip,
    userAgent: context.userAgent,
  });
}

/**
 * Logs a refused sign-in (warn, with its reason) and records one `auth.signin` row for a refusal
 * before any user was known (the provider's error, a stale or forged state, an ID token that failed
 * verification): `denied` (or `failure` when the provider could not be reached), with the reason
 * and the subject the token claimed, if any. Refusals after verification (no access, deactivated)
 * already have their row from `completeSignIn`, so they are only logged here.
 */
export async function recordFailedSignIn(
  deps: Pick<TAccountDeps, 'db'> & { logger: TSignInLogger },
  input: { error: SignInError; workspaceId?: string | null; context: TAuditContext },
): Promise<void> {
  const { error } = input;
  // The detail names the check that failed (never the token, the code or a secret).
  deps.logger.warn(
    {
      correlationId: input.context.correlationId,
      reason: error.code,
      detail: error.detail,
      ip: input.context.ip,
      ...(error.claimedSubject ? { claimedSubject: error.claimedSubject } : {}),
    },
    `sign-in refused: ${error.code}`,
  );
  if (error.code === 'no_access' || error.code === 'deactivated') return;
  await auditRefusal(deps.db, {
    action: 'auth.signin',
    result: error.code === 'unavailable' ? 'failure' : 'denied',
    workspaceId: input.workspaceId ?? null,
    reason: `${error.code}: ${error.detail}`,
    metadata: error.claimedSubject ? { claimedSubject: error.claimedSubject } : {},
    context: input.context,
  });
}

/** Ends the session of a cookie token (sign-out); audit + `wissil.user.logout`. */
export async function signOut(
  deps: TAccountDeps,
  input: { token: string; context: TAuditContext },
): Promise<TSessionRecord | null> {
  const session = await deps.sessions.revoke(input.token);
  if (!session) return null;
  await deps.db.$transaction(async (tx) => {
    await createRepositories(tx).auditLogs.record(input.context, {
      action: 'auth.signout',
      actorUserId: session.userId,
      workspaceId: session.workspaceId,
      targetType: 'session',
      targetId: session.id,
    });
    await deps.bus.publish(
      createEvent(USER_LOGOUT, {
        data: { userId: session.userId, reason: 'user', sessionId: session.id },
        actor: userActor({ userId: session.userId }),
        correlationId: input.context.correlationId,
        workspaceId: null,
      }),
      { tx },
    );
  });
  return session;
}

/** "Sign out everywhere": every session of the principal's user, this one included. */
export async function signOutEverywhere(
  deps: TAccountDeps,
  input: { principal: TPrincipal; context: TAuditContext },
): Promise<number> {
  const count = await deps.sessions.revokeAllForUser(input.principal.userId);
  await deps.db.$transaction(async (tx) => {
    await createRepositories(tx).auditLogs.record(input.context, {
      action: 'auth.signout_everywhere',
      actorUserId: input.principal.userId,
      workspaceId: input.principal.workspaceId,
      targetType: 'user',
      targetId: input.principal.userId,
      metadata: { sessions: count },
    });
    await deps.bus.publish(
      createEvent(USER_LOGOUT, {
        data: { userId: input.principal.userId, reason: 'user' },
        actor: userActor(input.principal),
        correlationId: input.context.correlationId,
        workspaceId: null,
      }),
      { tx },
    );
  });
  return count;
}

/** An admin changes a user's role: audit + `wissil.user.role_changed`; the new role applies at once. */
export async function changeRole(
  deps: TAccountDeps,
  input: { actor: TPrincipal; userId: string; role: TRole; context: TAuditContext },
): Promise<{ previousRole: TRole | null; role: TRole }> {
  if (!isRole(input.role)) throw new Error(`Unknown role ${String(input.role)}`);
  if (input.userId === input.actor.userId)
    throw new SelfLockoutError('You cannot change your own role; ask another admin.');
  return deps.db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    const user = await repos.users.findById(input.userId);
    if (!user) throw new DbNotFoundError(`No user ${input.userId}`);
    const { previousRole } = await repos.memberships.setRole({
      userId: input.userId,
      workspaceId: input.actor.workspaceId,
      role: input.role,
    });
    await repos.auditLogs.record(input.context, {
      action: 'user.role_changed',
      actorUserId: input.actor.userId,
      workspaceId: input.actor.workspaceId,
      targetType: 'user',
      targetId: input.userId,
      metadata: { previousRole, newRole: input.role },
    });
    if (previousRole !== input.role)
      await deps.bus.publish(
        createEvent(USER_ROLE_CHANGED, {
          data: { userId: input.userId, previousRole, newRole: input.role, changedBy: input.actor.userId },
          actor: userActor(input.actor),
          correlationId: input.context.correlationId,
          workspaceId: input.actor.workspaceId,
        }),
        { tx },
      );
    return { previousRole: previousRole && isRole(previousRole) ? previousRole : null, role: input.role };
  });
}

/** Deactivates (or reactivates) a user; deactivation ends every session and revokes every API token. */
export async function setUserActive(
  deps: TAccountDeps,
  input: { actor: TPrincipal; userId: string; active: boolean; context: TAuditContext },
): Promise<{ revokedSessions: number; revokedTokens: number }> {
  if (input.userId === input.actor.userId && !input.active)
    throw new SelfLockoutError('You cannot deactivate your own account.');
  const result = await deps.db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    await repos.users.setStatus(input.userId, input.active ? 'active' : 'deactivated');
    const revokedTokens = input.active ? 0 : await repos.apiTokens.revokeAllForUser(input.userId);
    await repos.auditLogs.record(input.context, {
      action: input.active ? 'user.reactivated' : 'user.deactivated',
      actorUserId: input.actor.userId,
      workspaceId: input.actor.workspaceId,
      targetType: 'user',
      targetId: input.userId,
      metadata: { revokedTokens },
    });
    if (!input.active)
      await deps.bus.publish(
        createEvent(USER_LOGOUT, {
          data: { userId: input.userId, reason: 'revoked' },
          actor: userActor(input.actor),
          correlationId: input.context.correlationId,
          workspaceId: null,
        }),
        { tx },
      );
    return { revokedTokens };
  });
  const revokedSessions = input.active ? 0 : await deps.sessions.revokeAllForUser(input.userId);
  return { revokedSessions, revokedTokens: result.revokedTokens };
}

/** A change an admin may not make to their own account (it would lock them out). */
export class SelfLockoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelfLockoutError';
  }
}

/** Creates an API token for the principal: scopes must be permissions the role holds. */
export async function createApiToken(
  deps: Pick<TAccountDeps, 'db'>,
  input: {
    principal: TPrincipal;
    name: string;
    scopes: readonly string[];
    expiresAt: Date;
    context: TAuditContext;
  },
): Promise<{ token: string; id: string }> {
  const held = new Set<TPermission>(permissionsFor(input.principal.role));
  const refused = input.scopes.filter((scope) => !isPermission(scope) || !held.has(scope));
  if (refused.length > 0) throw new ScopeNotAllowedError(refused);
  return deps.db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    const { apiToken, token } = await repos.apiTokens.create({
      userId: input.principal.userId,
      workspaceId: input.principal.workspaceId,
      name: input.name,
      scopes: [...input.scopes],
      expiresAt: input.expiresAt,
    });
    await repos.auditLogs.record(input.context, {
      action: 'api_token.created',
      actorUserId: input.principal.userId,
      workspaceId: input.principal.workspaceId,
      targetType: 'api_token',
      targetId: apiToken.id,
      metadata: { name: apiToken.name, scopes: apiToken.scopes, expiresAt: apiToken.expiresAt.toISOString() },
    });
    return { token, id: apiToken.id };
  });
}

/**
 * Revokes one of the principal's own API tokens (idempotent: revoking a revoked token is true);
 * the revocation and its `api_token.revoked` row commit together. False (nothing written) when the
 * user has no token with this id, another user's included.
 */
export async function revokeApiToken(
  deps: Pick<TAccountDeps, 'db'>,
  input: { principal: TPrincipal; tokenId: string; context: TAuditContext },
): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    if (!(await repos.apiTokens.revoke(input.principal.userId, input.tokenId))) return false;
    await repos.auditLogs.record(input.context, {
      action: 'api_token.revoked',
      actorUserId: input.principal.userId,
      workspaceId: input.principal.workspaceId,
      targetType: 'api_token',
      targetId: input.tokenId,
    });
    return true;
  });
}

/**
 * Ends one of the principal's own sessions ("sign out that device"), then writes its
 * `session.revoked` row. The session store is not part of a PostgreSQL transaction (Redis in
 * cluster mode), so the order is chosen for safety: a session is never left alive because its
 * audit row could not be written. False (nothing written) when the user has no live session with
 * this id.
 */
export async function revokeSession(
  deps: Pick<TAccountDeps, 'db' | 'sessions'>,
  input: { principal: TPrincipal; sessionId: string; context: TAuditContext },
): Promise<boolean> {
  if (!(await deps.sessions.revokeById(input.principal.userId, input.sessionId))) return false;
  await createRepositories(deps.db).auditLogs.record(input.context, {
    action: 'session.revoked',
    actorUserId: input.principal.userId,
    workspaceId: input.principal.workspaceId,
    targetType: 'session',
    targetId: input.sessionId,
    metadata: { isCurrent: input.sessionId === input.principal.sessionId },
  });
  return true;
}

/** Scopes a token may not have: unknown, or beyond the creator's role. */
export class ScopeNotAllowedError extends Error {
  constructor(readonly scopes: readonly string[]) {
    super(`These scopes are not permissions your role holds: ${scopes.join(', ')}`);
    this.name = 'ScopeNotAllowedError';
  }
}
