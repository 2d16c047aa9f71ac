import { SYSTEMS } from '@lumenforge/config';
import { SystemHome } from '@lumenforge/ui/system-home';
import { AccessDenied } from '@lumenforge/ui/user-menu';
import { auth } from '../auth';
import { health } from '../health';

export default async function HomePage() {
  const { denied } = await auth.pageAccess();
  if (denied) return <AccessDenied {...denied} />;
  return <SystemHome system={SYSTEMS.waypoint} health={await health.report()} />;
}
