import { auth } from '../../auth';
import { getMonitor } from './_lib/monitor';
import { StatusView } from './_components/status-view';

export const metadata = { title: { absolute: 'Status · LumenForge' } };

export default async function StatusPage() {
  const principal = await auth.requirePagePrincipal();
  const summary = await getMonitor().summary(principal.workspaceId);
  return <StatusView initial={summary} />;
}
