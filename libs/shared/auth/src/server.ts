// Entry `@lumenforge/auth/server`: session stores, request authentication, the OpenID relying
// party, token verification, account operations and security headers. Server code only.
import 'server-only';

export { createPostgresSessionStore, type TPostgresSessionStore } from './postgres-session-store';
export { createCachedSessionStore, type TCachedSessionStoreOptions } from './cached-session-store';
export { createAuthenticator, type TAuthenticator, type TCreateAuthenticatorOptions } from './authenticate';
export { createIssuerKeySource, discoverIssuer } from './issuer-keys';
export {
  verifyIdToken,
  createJwksKeySource,
  isMfaAmr,
  IdTokenError,
  ID_TOKEN_ERROR_CODES,
  MFA_AMR_VALUES,
  ZIdTokenClaimsSchema,
  type TIdTokenClaims,
  type TIdTokenErrorCode,
  type TVerifyIdTokenOptions,
  type TJwksKeySourceOptions,
} from './id-token';
export {
  createCloudflareAccessVerifier,
  cloudflareAccessTeamOrigin,
  CF_ACCESS_JWT_HEADER,
  type TCloudflareAccessResult,
  type TCloudflareAccessVerifierOptions,
} from './cloudflare-access';
export { securityHeaders, createNonce, type TSecurityHeadersOptions } from './security-headers';
export {
  createRelyingParty,
  ID_TOKEN_HINT_COOKIE,
  SignInError,
  SIGN_IN_ERROR_MESSAGES,
  type TRelyingParty,
  type TRelyingPartyOptions,
} from './oidc-relying-party';
export {
  completeSignIn,
  recordFailedSignIn,
  revokeApiToken,
  revokeSession,
  signOut,
  signOutEverywhere,
  changeRole,
  setUserActive,
  createApiToken,
  roleFromClaims,
  SelfLockoutError,
  ScopeNotAllowedError,
  type TAccountDeps,
  type TAuditContext,
} from './account-service';
export { parseRoleMapping, parseAgentClients } from './env';
