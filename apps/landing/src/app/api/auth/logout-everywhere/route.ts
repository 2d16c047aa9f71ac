import { signOutEverywhere } from '@lumenforge/auth/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { finishSignOut } from '../../../../auth';
import { accountDeps } from '../../../../lib/account-deps';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * "Sign out everywhere": every session of the signed-in user, on every device, ends; their open
 * tabs are told live and go to sign-in. This browser's identity-provider session ends too
 * (RP-initiated logout, see `finishSignOut`).
 */
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'auth.logout_everywhere', permission: null },
  async (request, context) => {
    const runtime = getRuntime();
    await signOutEverywhere(accountDeps(runtime), { principal: context.principal, context });
    return finishSignOut(request, 'everywhere');
  },
);
