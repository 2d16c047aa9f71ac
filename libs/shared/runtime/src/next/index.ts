// Entry `@lumenforge/runtime/next`: what an app's proxy.ts, layouts, pages and server actions use
// to authenticate. Server code only (imports next/server and next/headers).
export { createAuthProxy, PROXY_HEADERS, type TAuthProxyOptions } from './auth-proxy';
export { defineAppAuth, type TAppAuth } from './app-auth';
export { signInUrl, publicRequestUrl } from './sign-in-url';
