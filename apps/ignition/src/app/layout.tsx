import './global.css';
import type { ReactNode } from 'react';
import { systemMetadata } from '@lumenforge/config';
import { SystemDocument } from '@lumenforge/ui/system-document';
import { auth } from '../auth';

export const dynamic = 'force-dynamic';
export const metadata = systemMetadata('ignition');

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <SystemDocument system="ignition" {...await auth.shellProps()}>
      {children}
    </SystemDocument>
  );
}
