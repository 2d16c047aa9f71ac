import 'server-only';
import { SYSTEM_IDS, systemUrls, urlOptionsFromEnv, type TSystemId } from '@lumenforge/config';
import { runHealthChecks } from '@lumenforge/health';
import { peerHealthCheck } from '@lumenforge/health/server';
import { PEER_CHECK_TIMEOUT_MS, type TSystemsStatus } from '@lumenforge/landing-monitoring';
import { cacheKeys, getOrSet, type TCache } from '@lumenforge/cache';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** Where the systems answer and what LANDING reports as its version (from the environment). */
export type TPeerChecks = { urls: Record<TSystemId, string>; version: string };

function peerChecksFromEnv(): TPeerChecks {
  return { urls: systemUrls(urlOptionsFromEnv(getEnv())), version: getEnv().LUMENFORGE_VERSION };
}

/**
 * The systems' status now, from LANDING's side: each one's GET /api/health (1.5 s timeout; no
 * answer, an error status or a `down` report is down). The home page's first paint of the cards
 * and `GET /api/systems/status` (the cards' check of a stale system, and their fallback while the
 * event stream is closed). Default: every system but LANDING, whose health the page reports itself.
 */
export async function checkSystems(
  systems: readonly TSystemId[] = SYSTEM_IDS.filter((id) => id !== 'landing'),
  peers: TPeerChecks = peerChecksFromEnv(),
): Promise<TSystemsStatus> {
  const report = await runHealthChecks({
    service: 'landing',
    version: peers.version,
    uptimeSeconds: process.uptime(),
    checks: systems.map((id) => ({
      ...peerHealthCheck(id, `${peers.urls[id]}/api/health`),
      timeoutMs: PEER_CHECK_TIMEOUT_MS,
    })),
  });
  return {
    checkedAt: report.checkedAt,
    systems: Object.fromEntries(
      systems.map((id) => {
        const check = report.checks[id];
        return [
          id,
          {
            status: check?.status ?? 'down',
            checkedAt: report.checkedAt,
            latencyMs: check?.latencyMs ?? null,
            source: 'check' as const,
            error: check?.error ?? null,
          },
        ];
      }),
    ),
  };
}

/** How long the home page's first paint may reuse a check (the cards then follow live events). */
const FIRST_PAINT_REUSE_MS = 5_000;

/**
 * {@link checkSystems} for the home page's first paint, shared for a few seconds by every render
 * in the workspace (`realtime:{workspace}:systems`): a busy home page must not probe five apps per
 * request. `GET /api/systems/status` stays uncached: it is the check of a report that went stale.
 */
export function recentSystemsStatus(
  workspaceId: string,
  systems: readonly TSystemId[],
  deps: { cache?: TCache; peers?: TPeerChecks } = {},
): Promise<TSystemsStatus> {
  return getOrSet(
    deps.cache ?? getRuntime().cache,
    `${cacheKeys.realtime(workspaceId)}:systems:${systems.join(',')}`,
    () => checkSystems(systems, deps.peers),
    { ttlMs: FIRST_PAINT_REUSE_MS },
  );
}
