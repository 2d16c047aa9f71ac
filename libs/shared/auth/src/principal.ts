import type { TPermission, TRole } from './permissions';

/** How a request proved who it is. */
export type TPrincipalKind = 'session' | 'api_token' | 'client_credentials';

/**
 * Who is making a request, resolved on the server from the session cookie or a Bearer token, with
 * the user's current role (read at request time, so a role change applies at once).
 */
export type TPrincipal = {
  kind: TPrincipalKind;
  userId: string;
  email: string;
  name: string;
  role: TRole;
  workspaceId: string;
  /** The role's permissions, narrowed to the token's scopes for API tokens. */
  permissions: readonly TPermission[];
  /** Set for `session`. */
  sessionId: string | null;
  /** Set for `api_token`. */
  tokenId: string | null;
  /** Whether the sign-in behind this session used a second factor. */
  mfa: boolean;
  /** When the identity provider last authenticated the user (step-up freshness); null for tokens. */
  authTime: Date | null;
};
