import { safeReturnUrl } from '@lumenforge/auth';
import { publicApiRoute } from '@lumenforge/runtime/server';
import { freshNavigation, landingUrl } from '../../../../auth';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * The last hop of a sign-in that returns to another of the six apps. Browsers apply the identity
 * provider's CSP `form-action` to the whole redirect chain after its sign-in form, so a chain that
 * ends on another origin (slate.…) is blocked there; this page starts a fresh navigation instead.
 */
export const GET = publicApiRoute(getRuntime, { endpoint: 'auth.continue' }, async (request) => {
  const target = safeReturnUrl(new URL(request.url).searchParams.get('to'), {
    allowedOrigins: getRuntime().allowedOrigins,
    fallback: landingUrl('/'),
  });
  return freshNavigation(target, { title: 'Signing in…', message: 'Signed in.', link: 'Continue' });
});
