import type { TPermission } from './permissions';

/** No valid session or token: answered 401 (APIs) or a redirect to sign-in (pages). */
export class UnauthenticatedError extends Error {
  constructor(message = 'Sign in to continue.') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Signed in, but the role (or the token's scopes) lacks the permission: 403. */
export class ForbiddenError extends Error {
  constructor(
    readonly permission: TPermission | null,
    message = permission ? `Your role does not have the "${permission}" permission.` : 'You may not do this.',
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * The permission needs a recent sign-in with MFA (production deploys, role changes): 403 with
 * `error: "mfa_required"`; the client sends the user through the identity provider again.
 */
export class StepUpRequiredError extends Error {
  constructor(
    readonly permission: TPermission,
    message = `"${permission}" needs a recent sign-in with a second factor. Sign in again to continue.`,
  ) {
    super(message);
    this.name = 'StepUpRequiredError';
  }
}
