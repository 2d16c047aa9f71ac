import type { ReactNode } from 'react';
import { CommandPalette } from './command-palette';
import { LumenForgeMark } from './lumenforge-mark';
import { SystemSwitcher, type TSwitcherSystem } from './system-switcher';
import type { TSystemAccentId } from './system-accent';

export type AppShellProps = {
  current: TSystemAccentId;
  systems: readonly TSwitcherSystem[];
  /** Signed-in user and sign-out, rendered at the right of the header. */
  userSlot?: ReactNode;
  /**
   * Same-origin search endpoint; when set, the header gets the "Search" button and Ctrl-K / ⌘-K
   * opens the command palette. Leave it out when nobody is signed in.
   */
  searchPath?: string | null;
  children: ReactNode;
};

/** Header (mark, system name, search, switcher, user slot) and the main region shared by all six apps. */
export function AppShell({ current, systems, userSlot, searchPath, children }: AppShellProps) {
  const currentSystem = systems.find((system) => system.id === current);
  const home = systems.find((system) => system.id === 'landing');
  return (
    <div className="flex min-h-dvh flex-col bg-bg text-fg">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow-md"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-border bg-surface/90 backdrop-blur">
        {/* Fits 360 px: below sm the brand is the mark alone and search an icon; below xl the switcher is a menu. */}
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
          <a
            href={home?.url ?? '/'}
            className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
          >
            <LumenForgeMark size={22} />
            <span className="sr-only sm:not-sr-only">LumenForge</span>
          </a>
          {currentSystem && current !== 'landing' ? (
            <>
              <span aria-hidden="true" className="hidden text-fg-subtle md:inline">
                /
              </span>
              {/* Below md the switcher's button names the system; this link would not fit. */}
              <a href="/" className="hidden shrink-0 font-medium text-accent-text hover:underline md:inline">
                {currentSystem.name}
              </a>
            </>
          ) : null}
          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
            {searchPath ? <CommandPalette systems={systems} searchPath={searchPath} /> : null}
            <SystemSwitcher systems={systems} current={current} />
            {userSlot ? <div className="shrink-0 border-l border-border pl-2 sm:pl-3">{userSlot}</div> : null}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
