import { ForbiddenError, StepUpRequiredError, UnauthenticatedError } from './auth-errors';
import { STEP_UP_PERMISSIONS, type TPermission } from './permissions';
import type { TPrincipal } from './principal';

export type TAuthorizeOptions = {
  /** How recent an MFA sign-in must be for step-up permissions. */
  stepUpMaxAgeSeconds: number;
  now?: Date;
};

/** Whether the principal holds the permission (ignores step-up; for hiding UI). */
export function hasPermission(principal: TPrincipal | null, permission: TPermission): boolean {
  return principal !== null && principal.permissions.includes(permission);
}

/** Whether the principal's sign-in satisfies step-up: MFA, and recent enough. */
export function hasFreshMfa(principal: TPrincipal, options: TAuthorizeOptions): boolean {
  if (principal.kind !== 'session' || !principal.mfa || !principal.authTime) return false;
  const now = options.now ?? new Date();
  return now.getTime() - principal.authTime.getTime() <= options.stepUpMaxAgeSeconds * 1000;
}

/**
 * The server-side gate, called in every route handler, server action and data read: throws
 * `UnauthenticatedError` (no principal), `ForbiddenError` (permission missing) or
 * `StepUpRequiredError` (production deploys and role changes without a fresh MFA sign-in; API
 * tokens never satisfy step-up).
 */
export function authorize(
  principal: TPrincipal | null,
  permission: TPermission | null,
  options: TAuthorizeOptions,
): TPrincipal {
  if (!principal) throw new UnauthenticatedError();
  if (permission === null) return principal;
  if (!principal.permissions.includes(permission)) throw new ForbiddenError(permission);
  if (STEP_UP_PERMISSIONS.has(permission) && !hasFreshMfa(principal, options))
    throw new StepUpRequiredError(permission);
  return principal;
}
