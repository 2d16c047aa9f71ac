import { SYSTEMS, systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { SystemHome } from '@lumenforge/ui/system-home';
import { AccessDenied } from '@lumenforge/ui/user-menu';
import { auth } from '../auth';
import { getEnv } from '../env';
import { health } from '../health';

export default async function HomePage() {
  const { principal, isAllowed } = await auth.pageAccess();
  if (!isAllowed)
    return (
      <AccessDenied
        systemName={SYSTEMS.ignition.name}
        role={principal.role}
        homeUrl={systemUrl('landing', urlOptionsFromEnv(getEnv()))}
      />
    );
  return <SystemHome system={SYSTEMS.ignition} health={await health.report()} />;
}
