import { SYSTEM_IDS } from '@lumenforge/config';
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { checkSystems } from '../../../../system-status';

export const dynamic = 'force-dynamic';

/**
 * Every system's status now, checked from LANDING (each one's GET /api/health, 1.5 s timeout; down
 * when it fails). The home cards ask when a system's last `wissil.system.health` is stale, and
 * every 15 s while their event stream is closed. Never cached: it is the check.
 */
export const GET = apiRoute(getRuntime, { endpoint: 'systems.status', permission: null }, async () =>
  Response.json(await checkSystems(SYSTEM_IDS), { headers: { 'Cache-Control': 'no-store' } }),
);
