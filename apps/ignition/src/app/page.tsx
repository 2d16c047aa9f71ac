import { SYSTEMS } from '@lumenforge/config';
import { SystemHome } from '@lumenforge/ui/system-home';
import { auth } from '../auth';
import { health } from '../health';
import { IgnitionNav } from './_components/ignition-nav';

export default async function HomePage() {
  await auth.pageAccess();
  return (
    <>
      <IgnitionNav current="overview" />
      <SystemHome system={SYSTEMS.ignition} health={await health.report()} />
    </>
  );
}
