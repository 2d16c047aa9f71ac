import type { ReactNode } from 'react';
import { AppShell } from './app-shell';
import type { TSystemAccentId } from './system-accent';
import type { TSwitcherSystem } from './system-switcher';

export type SystemDocumentProps = {
  system: TSystemAccentId;
  systems: readonly TSwitcherSystem[];
  userSlot?: ReactNode;
  children: ReactNode;
};

/** The whole document of an app: `<html data-system>` (which picks the accent palette) and the shell. */
export function SystemDocument({ system, systems, userSlot, children }: SystemDocumentProps) {
  return (
    <html lang="en" data-system={system}>
      <body>
        <AppShell current={system} systems={systems} userSlot={userSlot}>
          {children}
        </AppShell>
      </body>
    </html>
  );
}
