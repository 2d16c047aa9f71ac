import { SYSTEMS } from '@lumenforge/config';
import { SystemHome } from '@lumenforge/ui/system-home';
import { health } from '../health';

export default async function HomePage() {
  return <SystemHome system={SYSTEMS.spark} health={await health.report()} />;
}
