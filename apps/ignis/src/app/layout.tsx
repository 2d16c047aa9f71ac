import './global.css';
import type { ReactNode } from 'react';
import { systemLinks, systemMetadata, urlOptionsFromEnv } from '@lumenforge/config';
import { SystemDocument } from '@lumenforge/ui/system-document';
import { auth } from '../auth';
import { getEnv } from '../env';

export const dynamic = 'force-dynamic';
export const metadata = systemMetadata('ignis');

export default async function RootLayout({ children }: { children: ReactNode }) {
  const shell = await auth.shellProps();
  return (
    <SystemDocument
      system="ignis"
      systems={systemLinks(urlOptionsFromEnv(getEnv()))}
      user={shell.user}
      signInUrl={shell.signInUrl}
    >
      {children}
    </SystemDocument>
  );
}
