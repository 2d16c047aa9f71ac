import 'server-only';
import { SYSTEM_IDS, systemUrl, urlOptionsFromEnv, type TSystemId } from '@lumenforge/config';
import { runHealthChecks, type THealthStatus } from '@lumenforge/health';
import { peerHealthCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/**
 * The other five systems' status now (their GET /api/health), for the first paint of their
 * cards; events keep it current. Landing's own health is the page's health report.
 */
export async function currentSystemStatuses(): Promise<Partial<Record<TSystemId, THealthStatus>>> {
  const urlOptions = urlOptionsFromEnv(getEnv());
  const peers = SYSTEM_IDS.filter((id) => id !== 'landing');
  const report = await runHealthChecks({
    service: 'landing',
    version: getEnv().LUMENFORGE_VERSION,
    uptimeSeconds: process.uptime(),
    checks: peers.map((id) => ({
      ...peerHealthCheck(id, `${systemUrl(id, urlOptions)}/api/health`),
      timeoutMs: 1_500,
    })),
  });
  return Object.fromEntries(SYSTEM_IDS.map((id) => [id, report.checks[id]?.status ?? 'down'])) as Record<
    TSystemId,
    THealthStatus
  >;
}
