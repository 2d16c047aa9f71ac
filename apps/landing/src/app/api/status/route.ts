import { apiRoute, conditionalResponse } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';
import { getMonitor } from '../../status/_lib/monitor';

export const dynamic = 'force-dynamic';

/**
 * Every app and data service now (state, latency, metrics against the alert thresholds), each
 * one's 24 h uptime strip and the recent alerts. Served from `realtime:{workspace_id}` for 5 s;
 * `If-None-Match` with the last ETag answers 304 while nothing changed.
 */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'status.read', permission: null },
  async (request, context) => {
    const summary = await getMonitor().summary(context.principal.workspaceId);
    return conditionalResponse(request, JSON.stringify(summary), {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'private, no-cache',
    });
  },
);
