import { signOutEverywhere } from '@lumenforge/auth/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { clearSessionCookie, landingUrl, redirectWithCookies } from '../../../../auth';
import { accountDeps } from '../../../../lib/account-deps';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** "Sign out everywhere": every session of the signed-in user, on every device, ends. */
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'auth.logout_everywhere', permission: null },
  async (_request, context) => {
    const runtime = getRuntime();
    await signOutEverywhere(accountDeps(runtime), { principal: context.principal, context });
    return redirectWithCookies(landingUrl('/signin?signedOut=everywhere'), [clearSessionCookie()]);
  },
);
