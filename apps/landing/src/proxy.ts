import { createAuthProxy } from '@lumenforge/runtime/next';
import type { NextRequest } from 'next/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

const authProxy = createAuthProxy({
  system: 'landing',
  getRuntime,
  getEnv,
  // Sign-in itself, and sign-out with a session that is already gone.
  publicPaths: ['/signin', '/api/auth/login', '/api/auth/callback', '/api/auth/continue', '/api/auth/logout'],
});

/** Sign-in, Cloudflare Access, Origin and security headers in front of every page and API (see createAuthProxy). */
export function proxy(request: NextRequest) {
  return authProxy(request);
}

export const config = {
  // Everything except Next's static assets (hashed, public) and image files.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|ico|webp|woff2?)$).*)'],
};
