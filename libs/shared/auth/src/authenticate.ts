import { API_TOKEN_MARKER, createRepositories, type TDb } from '@lumenforge/db/server';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { parseCookieHeader, SESSION_COOKIE_NAME } from './cookies';
import { parseAgentClients, type TAuthEnv } from './env';
import { createIssuerKeySource } from './issuer-keys';
import { isPermission, isRole, permissionsFor, type TPermission, type TRole } from './permissions';
import type { TPrincipal } from './principal';
import { parseBearerToken } from './request-headers';
import type { TSessionRecord, TSessionStore } from './session-store.types';

export type TAuthenticator = {
  /**
   * Who sent the request: a `Bearer` API token or client-credentials access token when an
   * Authorization header is present (never falling back to the cookie), else the session cookie.
   * Null when none is valid, the user is deactivated or has no role in the workspace.
   */
  authenticate(headers: Headers): Promise<TPrincipal | null>;
  /** The principal of a live session (e.g. right after sign-in). */
  principalForSession(session: TSessionRecord): Promise<TPrincipal | null>;
  /** The workspace sessions belong to (AUTH_WORKSPACE), created by the seed. */
  workspaceId(): Promise<string>;
};

export type TCreateAuthenticatorOptions = {
  db: TDb;
  sessions: TSessionStore;
  env: TAuthEnv;
  /** Default: the issuer's JWKS, discovered. Tests pass local keys. */
  issuerKeys?: JWTVerifyGetKey;
};

/** The request authentication every app's proxy and data-access layer share. */
export function createAuthenticator(options: TCreateAuthenticatorOptions): TAuthenticator {
  const { db, sessions, env } = options;
  const repos = createRepositories(db);
  const agentClients = parseAgentClients(env.OIDC_AGENT_CLIENTS);
  const issuerKeys = options.issuerKeys ?? (env.OIDC_ISSUER ? createIssuerKeySource(env.OIDC_ISSUER) : null);
  let workspace: Promise<string> | undefined;

  const workspaceId = () =>
    (workspace ??= repos.workspaces.findBySlug(env.AUTH_WORKSPACE).then((found) => {
      if (found) return found.id;
      workspace = undefined;
      throw new Error(`Workspace "${env.AUTH_WORKSPACE}" (AUTH_WORKSPACE) does not exist; run the seed`);
    }));

  /** The user, active, with a role in the workspace; null otherwise. */
  async function member(
    userId: string,
    inWorkspace: string,
  ): Promise<{ email: string; name: string; role: TRole } | null> {
    const [user, membership] = await Promise.all([
      repos.users.findById(userId),
      repos.memberships.find({ userId, workspaceId: inWorkspace }),
    ]);
    if (!user || user.status !== 'active' || !membership || !isRole(membership.role)) return null;
    return { email: user.email, name: user.name, role: membership.role };
  }

  async function principalForSession(session: TSessionRecord): Promise<TPrincipal | null> {
    const inWorkspace = session.workspaceId ?? (await workspaceId());
    const found = await member(session.userId, inWorkspace);
    if (!found) return null;
    return {
      kind: 'session',
      userId: session.userId,
      ...found,
      workspaceId: inWorkspace,
      permissions: permissionsFor(found.role),
      sessionId: session.id,
      tokenId: null,
      mfa: session.mfa,
      authTime: session.authTime,
    };
  }

  async function fromApiToken(token: string): Promise<TPrincipal | null> {
    const apiToken = await repos.apiTokens.findActiveByToken(token);
    if (!apiToken) return null;
    const found = await member(apiToken.userId, apiToken.workspaceId);
    if (!found) return null;
    return {
      kind: 'api_token',
      userId: apiToken.userId,
      ...found,
      workspaceId: apiToken.workspaceId,
      permissions: narrow(permissionsFor(found.role), apiToken.scopes),
      sessionId: null,
      tokenId: apiToken.id,
      mfa: false,
      authTime: null,
    };
  }

  async function fromAccessToken(token: string): Promise<TPrincipal | null> {
    if (!issuerKeys || !env.OIDC_ISSUER) return null;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, issuerKeys, {
        issuer: env.OIDC_ISSUER,
        audience: env.OIDC_API_AUDIENCE,
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp', 'iat', 'client_id'],
        clockTolerance: 5,
      }));
    } catch {
      return null;
    }
    const email =
      typeof payload['client_id'] === 'string' ? agentClients.get(payload['client_id']) : undefined;
    if (!email) return null;
    const user = await repos.users.findByEmail(email);
    if (!user) return null;
    const inWorkspace = await workspaceId();
    const found = await member(user.id, inWorkspace);
    if (!found) return null;
    const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
    return {
      kind: 'client_credentials',
      userId: user.id,
      ...found,
      workspaceId: inWorkspace,
      permissions: narrow(permissionsFor(found.role), scopes),
      sessionId: null,
      tokenId: null,
      mfa: false,
      authTime: null,
    };
  }

  return {
    workspaceId,
    principalForSession,
    async authenticate(headers) {
      const authorization = headers.get('authorization');
      if (authorization !== null) {
        const bearer = parseBearerToken(authorization);
        if (!bearer) return null;
        return bearer.startsWith(API_TOKEN_MARKER) ? fromApiToken(bearer) : fromAccessToken(bearer);
      }
      const token = parseCookieHeader(headers.get('cookie')).get(SESSION_COOKIE_NAME);
      if (!token) return null;
      const session = await sessions.findActive(token);
      return session ? principalForSession(session) : null;
    },
  };
}

/** A token's permissions: its scopes, never more than the role holds. */
function narrow(rolePermissions: readonly TPermission[], scopes: readonly string[]): TPermission[] {
  const granted = new Set(scopes.filter(isPermission));
  return rolePermissions.filter((permission) => granted.has(permission));
}
