import type { TShellTheme, TShellUser } from '@lumenforge/shell-contracts';
import type { ReactNode } from 'react';
import { AppShell } from './app-shell';
import { LiveSession } from './live-session';
import { LiveTheme } from './live-theme';
import type { TSystemAccentId } from './system-accent';
import type { TSwitcherSystem } from './system-switcher';
import { UserMenu } from './user-menu';

export type SystemDocumentProps = {
  system: TSystemAccentId;
  systems: readonly TSwitcherSystem[];
  /** The signed-in user (menu with sign-out); null shows a sign-in link to `signInUrl`. */
  user?: TShellUser | null;
  signInUrl?: string;
  /**
   * Same-origin endpoint of the Ctrl-K / ⌘-K search (`GET ?q=&limit=`); the palette is shown only to
   * a signed-in `user`. `null` turns search off for an app that does not serve it.
   */
  searchPath?: string | null;
  /** The workspace's published theme, kept live (omit for pages without a session: build-time theme). */
  theme?: TShellTheme | null;
  children: ReactNode;
};

/** The whole document of an app: `<html data-system>` (which picks the accent palette) and the shell. */
export function SystemDocument({
  system,
  systems,
  user,
  signInUrl,
  searchPath = '/api/search',
  theme,
  children,
}: SystemDocumentProps) {
  const userSlot = user ? (
    <UserMenu user={user} />
  ) : signInUrl ? (
    <a className="text-sm font-medium text-accent-text hover:underline" href={signInUrl}>
      Sign in
    </a>
  ) : null;
  return (
    <html lang="en" data-system={system}>
      <body>
        <AppShell
          current={system}
          systems={systems}
          userSlot={userSlot}
          searchPath={user ? searchPath : null}
        >
          {children}
        </AppShell>
        {/* After the app's own CSS, so the published values win within the same layers. */}
        {theme ? <LiveTheme {...theme} /> : null}
        {/* Signed out in another tab or app: this page says so live and goes to sign-in. */}
        {user && signInUrl ? <LiveSession signInUrl={signInUrl} /> : null}
      </body>
    </html>
  );
}
