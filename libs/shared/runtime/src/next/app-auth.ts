import 'server-only';
import { authorize, canUseSystem, hasPermission, type TPermission, type TPrincipal } from '@lumenforge/auth';
import { SYSTEMS, systemLinks, systemUrl, urlOptionsFromEnv, type TSystemId } from '@lumenforge/config';
import type { TPlatformEnv } from '@lumenforge/config/env';
import type { TAccessDenied, TShellProps, TShellTheme } from '@lumenforge/shell-contracts';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { publishedTheme, THEME_STYLESHEET_PATH } from '../published-theme';
import type { TPlatformRuntime } from '../runtime';
import { PROXY_HEADERS } from './auth-proxy';
import { publicRequestUrl, signInUrl } from './sign-in-url';

export type TAppAuth = {
  /** The signed-in principal of this request (authenticated again here, once per request), or null. */
  currentPrincipal(): Promise<TPrincipal | null>;
  /** For pages: the principal, or a redirect to LANDING's sign-in coming back here. */
  requirePagePrincipal(): Promise<TPrincipal>;
  /**
   * For server actions and data reads in server components: the principal holding `permission`;
   * throws `UnauthenticatedError` / `ForbiddenError` / `StepUpRequiredError` otherwise.
   */
  authorizeRequest(permission: TPermission | null): Promise<TPrincipal>;
  /** LANDING's sign-in URL coming back to `pathAndQuery` of this app. */
  signInUrlFor(pathAndQuery: string): string;
  can(principal: TPrincipal | null, permission: TPermission): boolean;
  /**
   * For an app's pages: the principal (or the sign-in redirect). When the role may not use this
   * system at all, Next's `forbidden()`: the page answers HTTP 403 with the app's `forbidden.tsx`,
   * which shows `systemAccessDenial()`.
   */
  pageAccess(): Promise<{ principal: TPrincipal }>;
  /**
   * For pages that need one permission (LANDING's admin pages): the principal holding it, else
   * `forbidden()` (HTTP 403 with the segment's `forbidden.tsx`), or the sign-in redirect.
   */
  requirePagePermission(permission: TPermission): Promise<TPrincipal>;
  /**
   * For `forbidden.tsx`: the props of the access-denied panel (`AccessDenied` of
   * `@lumenforge/ui/user-menu`) when the role may not use this system, else null.
   */
  systemAccessDenial(): Promise<TAccessDenied | null>;
  /**
   * The shell's props for this request (`<SystemDocument system=… {...await auth.shellProps()}>`):
   * the six systems' links, the user slot and the live theme (`@lumenforge/shell-contracts`).
   */
  shellProps(): Promise<TShellProps>;
};

async function shellTheme(runtime: TPlatformRuntime, workspaceId: string): Promise<TShellTheme | null> {
  try {
    const { version } = await publishedTheme(runtime, workspaceId);
    return { version, stylesheetPath: THEME_STYLESHEET_PATH };
  } catch (error) {
    // The build-time theme still styles the page; the page itself must not fail over its theme.
    runtime.logger.error(
      { err: error, workspaceId },
      'published theme unavailable; the build-time theme styles the page',
    );
    return null;
  }
}

/** The data-access-layer checks for one app's server components and server actions. */
export function defineAppAuth(options: {
  system: TSystemId;
  getRuntime: () => TPlatformRuntime;
  getEnv: () => TPlatformEnv;
}): TAppAuth {
  const currentPrincipal = cache(async (): Promise<TPrincipal | null> => {
    const requestHeaders = await headers();
    return options.getRuntime().auth.authenticator.authenticate(requestHeaders);
  });
  const signInUrlFor = (pathAndQuery: string) => {
    const urlOptions = urlOptionsFromEnv(options.getEnv());
    return signInUrl(urlOptions, publicRequestUrl(options.system, urlOptions, pathAndQuery));
  };
  const requirePagePrincipal = async (): Promise<TPrincipal> => {
    const principal = await currentPrincipal();
    if (principal) return principal;
    const path = (await headers()).get(PROXY_HEADERS.path) ?? '/';
    redirect(signInUrlFor(path));
  };
  return {
    currentPrincipal,
    signInUrlFor,
    can: hasPermission,
    requirePagePrincipal,
    async pageAccess() {
      const principal = await requirePagePrincipal();
      // Thrown before anything streams: Next answers 403 and renders forbidden.tsx in the layout.
      if (!canUseSystem(principal.permissions, options.system)) forbidden();
      return { principal };
    },
    async requirePagePermission(permission) {
      const principal = await requirePagePrincipal();
      if (!hasPermission(principal, permission)) forbidden();
      return principal;
    },
    async systemAccessDenial() {
      const principal = await requirePagePrincipal();
      if (canUseSystem(principal.permissions, options.system)) return null;
      const homeUrl = systemUrl('landing', urlOptionsFromEnv(options.getEnv()));
      return { systemName: SYSTEMS[options.system].name, role: principal.role, homeUrl };
    },
    async shellProps() {
      const principal = await currentPrincipal();
      const urlOptions = urlOptionsFromEnv(options.getEnv());
      const landing = systemUrl('landing', urlOptions);
      const path = (await headers()).get(PROXY_HEADERS.path) ?? '/';
      return {
        systems: systemLinks(urlOptions),
        signInUrl: signInUrlFor(path),
        user: principal
          ? {
              name: principal.name,
              email: principal.email,
              role: principal.role,
              accountUrl: `${landing}/account`,
              adminUrl: principal.permissions.includes('users.manage') ? `${landing}/admin/users` : null,
              signOutUrl: `${landing}/api/auth/logout`,
              signOutEverywhereUrl: `${landing}/api/auth/logout-everywhere`,
            }
          : null,
        theme: principal ? await shellTheme(options.getRuntime(), principal.workspaceId) : null,
      };
    },
    async authorizeRequest(permission) {
      return authorize(await currentPrincipal(), permission, {
        stepUpMaxAgeSeconds: options.getRuntime().auth.stepUpMaxAgeSeconds,
      });
    },
  };
}
