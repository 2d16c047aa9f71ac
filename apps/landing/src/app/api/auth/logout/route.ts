import { SESSION_COOKIE_NAME, parseCookieHeader } from '@lumenforge/auth';
import { signOut } from '@lumenforge/auth/server';
import { publicApiRoute } from '@lumenforge/runtime/server';
import { finishSignOut } from '../../../../auth';
import { accountDeps } from '../../../../lib/account-deps';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * Sign-out (a form POST from any of the six apps' user menu): the session is revoked in the store,
 * so all six apps refuse it at once and their open tabs are told live (`wissil.user.logout` on the
 * `session` topic); the cookies are cleared and the identity provider's session is ended too
 * (RP-initiated logout, see `finishSignOut`).
 */
export const POST = publicApiRoute(getRuntime, { endpoint: 'auth.logout' }, async (request, context) => {
  const runtime = getRuntime();
  const token = parseCookieHeader(request.headers.get('cookie')).get(SESSION_COOKIE_NAME);
  if (token)
    await signOut(accountDeps(runtime), {
      token,
      context,
    });
  return finishSignOut(request, 'session');
});
