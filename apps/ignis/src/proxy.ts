import { createAuthProxy } from '@lumenforge/runtime/next';
import type { NextRequest } from 'next/server';
import { EDITOR_PATH, WEBCONTAINER_CSP_SOURCES } from './app/projects/_webcontainer/availability';
import { getEnv } from './env';
import { getRuntime } from './runtime';

let authProxy: ReturnType<typeof createAuthProxy> | undefined;

/** Sign-in, Cloudflare Access, Origin and security headers in front of every page and API (see createAuthProxy). */
export async function proxy(request: NextRequest) {
  const isWebContainerOn = getEnv().IGNIS_WEBCONTAINER === 'on';
  // Created on the first request: the CSP's frame-src names the preview origin from the env (and
  // StackBlitz's origins when the in-browser runtime is allowed).
  authProxy ??= createAuthProxy({
    system: 'ignis',
    getRuntime,
    getEnv,
    frameSources: [
      new URL(getEnv().IGNIS_PREVIEW_ORIGIN).origin,
      ...(isWebContainerOn ? WEBCONTAINER_CSP_SOURCES : []),
    ],
    connectSources: isWebContainerOn ? WEBCONTAINER_CSP_SOURCES : [],
    // Monaco's CSS (served by IGNIS) inlines its codicon font as a data: URL.
    fontSources: ['data:'],
  });
  const response = await authProxy(request);
  // WebContainer needs a cross-origin isolated page (COOP same-origin is always sent): only the
  // editor, only with the flag. `credentialless` keeps same-origin loads and the preview iframe
  // (a credentialless iframe) working without CORP headers everywhere.
  if (isWebContainerOn && EDITOR_PATH.test(request.nextUrl.pathname))
    response.headers.set('Cross-Origin-Embedder-Policy', 'credentialless');
  return response;
}

export const config = {
  // Everything except Next's static assets (hashed, public) and image files.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|ico|webp|woff2?)$).*)'],
};
