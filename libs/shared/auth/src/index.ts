// Entry `@lumenforge/auth`: roles, permissions, principal and session types, and the pure rules
// (return URLs, cookies, headers). No I/O: safe in client components, proxy.ts and route handlers.
export {
  ROLES,
  PERMISSIONS,
  PERMISSION_LABELS,
  ROLE_PERMISSIONS,
  STEP_UP_PERMISSIONS,
  SYSTEM_PERMISSIONS,
  isRole,
  isPermission,
  permissionsFor,
  roleHasPermission,
  canUseSystem,
  type TRole,
  type TPermission,
} from './permissions';
export type { TPrincipal, TPrincipalKind } from './principal';
export type {
  TSessionRecord,
  TCreateSessionInput,
  TSessionTimeouts,
  TSessionStore,
} from './session-store.types';
export { UnauthenticatedError, ForbiddenError, StepUpRequiredError } from './auth-errors';
export { authorize, hasPermission, hasFreshMfa, type TAuthorizeOptions } from './authorize';
export { safeReturnUrl } from './return-url';
export {
  SESSION_COOKIE_NAME,
  parseCookieHeader,
  serializeCookie,
  sessionCookieOptions,
  clearedCookie,
} from './cookies';
export { parseBearerToken, checkRequestOrigin } from './request-headers';
