import { safeReturnUrl } from '@lumenforge/auth';
import { publicApiRoute } from '@lumenforge/runtime/server';
import { landingUrl } from '../../../../auth';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

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
  const href = escapeHtml(target);
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signing in… · LumenForge</title></head><body><p>Signed in. <a href="${href}">Continue</a></p></body></html>`,
    { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
  );
});
