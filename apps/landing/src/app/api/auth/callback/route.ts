import { SESSION_COOKIE_NAME, parseCookieHeader } from '@lumenforge/auth';
import { completeSignIn, recordFailedSignIn, SignInError } from '@lumenforge/auth/server';
import { publicApiRoute } from '@lumenforge/runtime/server';
import { getEnv } from '../../../../env';
import {
  getRelyingParty,
  landingUrl,
  redirectWithCookies,
  roleMapping,
  sessionCookie,
} from '../../../../auth';
import { accountDeps } from '../../../../lib/account-deps';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** The provider's answer: verify it, provision the user, create a new platform session. */
export const GET = publicApiRoute(
  getRuntime,
  { endpoint: 'auth.callback', rateLimitReads: true },
  async (request, context) => {
    const runtime = getRuntime();
    const relyingParty = getRelyingParty();
    if (!relyingParty) return redirectWithCookies(landingUrl('/signin?error=not_configured'), []);
    // The URL the provider redirected the browser to (this app may sit behind a proxy on another host).
    const callbackUrl = new URL(landingUrl('/api/auth/callback'));
    callbackUrl.search = new URL(request.url).search;
    const cookieHeader = request.headers.get('cookie');
    let clearFlow: string[] = [];
    try {
      const finished = await relyingParty.finish(callbackUrl, cookieHeader);
      clearFlow = [finished.clearCookie];
      const { token } = await completeSignIn(accountDeps(runtime), {
        claims: finished.claims,
        issuer: getEnv().OIDC_ISSUER ?? '',
        roleClaim: getEnv().OIDC_ROLE_CLAIM,
        roleMapping: roleMapping(),
        workspaceId: await runtime.auth.authenticator.workspaceId(),
        previousSessionToken: parseCookieHeader(cookieHeader).get(SESSION_COOKIE_NAME) ?? null,
        context,
      });
      // Another app's page is reached through /api/auth/continue (see there: the provider's form-action).
      const isLanding = new URL(finished.returnTo).origin === new URL(landingUrl('/')).origin;
      const next = isLanding
        ? finished.returnTo
        : landingUrl(`/api/auth/continue?to=${encodeURIComponent(finished.returnTo)}`);
      // The ID token stays with the browser's session for RP-initiated logout's id_token_hint.
      const hint = await relyingParty.idTokenHintCookie(
        finished.idToken,
        getEnv().AUTH_SESSION_ABSOLUTE_HOURS * 3600,
      );
      return redirectWithCookies(next, [...clearFlow, sessionCookie(token), ...(hint ? [hint] : [])]);
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      await recordFailedSignIn(
        { db: runtime.db, logger: runtime.logger },
        { error, workspaceId: await runtime.auth.authenticator.workspaceId().catch(() => null), context },
      );
      return redirectWithCookies(landingUrl(`/signin?error=${error.code}`), clearFlow);
    }
  },
);
