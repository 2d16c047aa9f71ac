// Entry `@lumenforge/shell-contracts`: the props an app's layout and pages hand the shared shell.
// `@lumenforge/runtime/next` builds them on the server (`auth.shellProps()`, `auth.pageAccess()`)
// and `@lumenforge/ui` draws them (`SystemDocument`, `UserMenu`, `LiveTheme`, `AccessDenied`), so
// both sides compile against these one definitions. Types only: safe in client components.
import type { TSystemLink } from '@lumenforge/config';

/** The signed-in user as the shell shows them (no permissions logic here: the app decides the links). */
export type TShellUser = {
  name: string;
  email: string;
  role: string;
  /** LANDING's account page: sessions, API tokens, sign out everywhere. */
  accountUrl: string;
  /** LANDING's admin pages, for admins only. */
  adminUrl: string | null;
  /** LANDING's sign-out endpoint (a form POST). */
  signOutUrl: string;
  /** LANDING's "sign out everywhere" endpoint (every session of this user, every device). */
  signOutEverywhereUrl: string;
};

/** The workspace's published theme, loaded after the build-time one and kept live. */
export type TShellTheme = {
  /** The published token version the page was rendered with; null: the workspace has none yet. */
  version: number | null;
  /** Same-origin path of the theme stylesheet, e.g. `/api/theme.css` (`?v=<version>` is added). */
  stylesheetPath: string;
};

/** What the shell needs for one request (`<SystemDocument system=… {...await auth.shellProps()}>`). */
export type TShellProps = {
  /** The six systems, in catalog order, for the switcher and the search palette. */
  systems: TSystemLink[];
  /** The signed-in user (menu with sign-out); null shows a sign-in link to `signInUrl`. */
  user: TShellUser | null;
  /** LANDING's sign-in, coming back to this page. */
  signInUrl: string;
  /** The workspace's published theme for live restyling; null when signed out (build-time theme). */
  theme: TShellTheme | null;
};

/** The access-denied panel of a system the role may not use at all. */
export type TAccessDenied = {
  systemName: string;
  role: string;
  /** LANDING's home, where the systems the role may use are listed. */
  homeUrl: string;
};
