import { createAuthProxy } from '@lumenforge/runtime/next';
import type { NextRequest } from 'next/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

let authProxy: ReturnType<typeof createAuthProxy> | undefined;

/** Sign-in, Cloudflare Access, Origin and security headers in front of every page and API (see createAuthProxy). */
export function proxy(request: NextRequest) {
  // Created on the first request: the CSP's frame-src names IGNIS's preview origin from the env
  // (the generator page embeds the live previews of generated components).
  authProxy ??= createAuthProxy({
    system: 'spark',
    getRuntime,
    getEnv,
    frameSources: [new URL(getEnv().IGNIS_PREVIEW_ORIGIN).origin],
    // Monaco's CSS (served by SPARK) inlines its codicon font as a data: URL.
    fontSources: ['data:'],
  });
  return authProxy(request);
}

export const config = {
  // Everything except Next's static assets (hashed, public) and image files.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|ico|webp|woff2?)$).*)'],
};
