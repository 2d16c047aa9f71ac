import { safeReturnUrl } from '@lumenforge/auth';
import { SignInError } from '@lumenforge/auth/server';
import { publicApiRoute } from '@lumenforge/runtime/server';
import { getRelyingParty, landingUrl, redirectWithCookies } from '../../../../auth';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** Starts sign-in: to the identity provider with PKCE, state and nonce (`?stepUp=1` forces a fresh MFA sign-in). */
export const GET = publicApiRoute(
  getRuntime,
  { endpoint: 'auth.login', rateLimitReads: true },
  async (request) => {
    const url = new URL(request.url);
    const returnTo = safeReturnUrl(url.searchParams.get('returnTo'), {
      allowedOrigins: getRuntime().allowedOrigins,
      fallback: landingUrl('/'),
    });
    const relyingParty = getRelyingParty();
    if (!relyingParty) return redirectWithCookies(landingUrl('/signin?error=not_configured'), []);
    try {
      const started = await relyingParty.start({ returnTo, stepUp: url.searchParams.get('stepUp') === '1' });
      return redirectWithCookies(started.authorizationUrl, [started.setCookie]);
    } catch (error) {
      if (error instanceof SignInError)
        return redirectWithCookies(landingUrl(`/signin?error=${error.code}`), []);
      throw error;
    }
  },
);
