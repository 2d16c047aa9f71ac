import './global.css';
import type { ReactNode } from 'react';
import { systemLinks, systemMetadata, urlOptionsFromEnv } from '@lumenforge/config';
import { SystemDocument } from '@lumenforge/ui/system-document';
import { getEnv } from '../env';

export const dynamic = 'force-dynamic';
export const metadata = systemMetadata('landing');

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <SystemDocument system="landing" systems={systemLinks(urlOptionsFromEnv(getEnv()))}>
      {children}
    </SystemDocument>
  );
}
