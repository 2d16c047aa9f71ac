import { safeReturnUrl } from '@lumenforge/auth';
import { SIGN_IN_ERROR_MESSAGES } from '@lumenforge/auth/server';
import { queryToObject } from '@lumenforge/runtime/server';
import { LumenForgeMark } from '@lumenforge/ui/lumenforge-mark';
import { redirect } from 'next/navigation';
import { auth, landingUrl, SIGNED_OUT_STATES } from '../../auth';
import { getRuntime } from '../../runtime';

export const metadata = { title: 'Sign in · LumenForge' };

const NOTICES: Record<string, string> = {
  ...SIGN_IN_ERROR_MESSAGES,
  not_configured:
    'Sign-in is not configured: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for LANDING.',
};

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in: one button to the identity provider; where the user was going is kept (validated) for the way back. */
export default async function SignInPage({ searchParams }: { searchParams: TSearchParams }) {
  const params = queryToObject(await searchParams);
  const returnTo = safeReturnUrl(params['returnTo'], {
    allowedOrigins: getRuntime().allowedOrigins,
    fallback: landingUrl('/'),
  });
  const errorCode = params['error'];
  // `state` comes back from the identity provider after RP-initiated logout (see finishSignOut).
  const logoutState = params['state'];
  const signedOut =
    params['signedOut'] ??
    (logoutState && Object.hasOwn(SIGNED_OUT_STATES, logoutState)
      ? SIGNED_OUT_STATES[logoutState as keyof typeof SIGNED_OUT_STATES]
      : undefined);
  const principal = await auth.currentPrincipal();
  if (principal && !errorCode && !signedOut) redirect(returnTo);
  const loginUrl = `/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <div className="mx-auto mt-8 max-w-md">
      <div className="rounded-2xl border border-border bg-surface p-8 shadow-sm">
        <LumenForgeMark size={36} />
        <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to LumenForge</h1>
        <p className="mt-2 text-sm text-fg-muted">
          One sign-in for Landing, Slate, Ignition, Spark, Ignis and Waypoint, through your organisation’s
          identity provider with a second factor.
        </p>
        {errorCode ? (
          <p
            role="alert"
            className="mt-5 rounded-lg border border-danger-500/40 bg-danger-surface px-3 py-2 text-sm text-danger-text"
            data-testid="signin-error"
          >
            {NOTICES[errorCode] ?? 'Sign-in failed. Please try again.'}
          </p>
        ) : null}
        {signedOut ? (
          <p
            role="status"
            className="mt-5 rounded-lg border border-success-500/40 bg-success-surface px-3 py-2 text-sm text-success-text"
            data-testid="signed-out"
          >
            {signedOut === 'everywhere'
              ? 'You are signed out on every device and in all six systems.'
              : 'You are signed out of all six systems.'}
          </p>
        ) : null}
        {principal && (errorCode || signedOut) ? (
          <p className="mt-5 text-sm">
            Signed in as {principal.name}.{' '}
            <a className="font-medium text-accent-text hover:underline" href={returnTo}>
              Continue
            </a>
          </p>
        ) : (
          <a
            href={loginUrl}
            className="mt-6 flex w-full items-center justify-center rounded-lg bg-accent-600 px-4 py-2.5 font-medium text-white hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
            data-testid="signin-button"
          >
            Continue with single sign-on
          </a>
        )}
      </div>
    </div>
  );
}
