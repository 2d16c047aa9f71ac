import 'server-only';
import { SYSTEM_IDS, systemUrl, urlOptionsFromEnv, type TSystemId } from '@lumenforge/config';
import { runHealthChecks, type THealthStatus } from '@lumenforge/health';
import { peerHealthCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Every system's status now (its GET /api/health), for the first paint; events keep it current. */
export async function currentSystemStatuses(): Promise<Record<TSystemId, THealthStatus>> {
  const urlOptions = urlOptionsFromEnv(getEnv());
  const report = await runHealthChecks({
    service: 'landing',
    version: getEnv().LUMENFORGE_VERSION,
    uptimeSeconds: process.uptime(),
    checks: SYSTEM_IDS.map((id) => ({
      ...peerHealthCheck(id, `${systemUrl(id, urlOptions)}/api/health`),
      timeoutMs: 1_500,
    })),
  });
  return Object.fromEntries(SYSTEM_IDS.map((id) => [id, report.checks[id]?.status ?? 'down'])) as Record<
    TSystemId,
    THealthStatus
  >;
}
