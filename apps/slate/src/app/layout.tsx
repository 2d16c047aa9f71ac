import './global.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SYSTEMS, systemLinks } from '@lumenforge/config';
import { AppShell } from '@lumenforge/ui/app-shell';
import { getEnv } from '../env';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: { default: 'Slate · LumenForge', template: '%s · Slate · LumenForge' },
  description: SYSTEMS.slate.tagline,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const env = getEnv();
  const systems = systemLinks({ domain: env.LUMENFORGE_DOMAIN, localHost: env.LUMENFORGE_LOCAL_HOST });
  return (
    <html lang="en" data-system="slate">
      <body>
        <AppShell current="slate" systems={systems}>
          {children}
        </AppShell>
      </body>
    </html>
  );
}
