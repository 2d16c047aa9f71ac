import Link from 'next/link';
import { SYSTEMS } from '@lumenforge/config';
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from '@lumenforge/ui/page-parts';
import { SystemHome } from '@lumenforge/ui/system-home';
import { auth } from '../auth';
import { health } from '../health';
import { IgnitionNav } from './_components/ignition-nav';

export default async function HomePage() {
  await auth.pageAccess();
  return (
    <>
      <IgnitionNav current="overview" />
      <SystemHome system={SYSTEMS.ignition} health={await health.report()}>
        <div className="mt-8 flex flex-wrap gap-2">
          <a href="/templates" className={BUTTON_PRIMARY} data-testid="home-templates-link">
            Browse templates
          </a>
          <Link href="/projects" className={BUTTON_SECONDARY}>
            Projects
          </Link>
        </div>
      </SystemHome>
    </>
  );
}
