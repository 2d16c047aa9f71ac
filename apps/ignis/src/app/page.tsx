import { SYSTEMS } from '@lumenforge/config';
import { SystemHome } from '@lumenforge/ui/system-home';
import { auth } from '../auth';
import { health } from '../health';

export default async function HomePage() {
  await auth.pageAccess();
  return <SystemHome system={SYSTEMS.ignis} health={await health.report()} />;
}
