import { metricsResponse } from '@lumenforge/observability/server';
import type { TPlatformRuntime } from './runtime';

/** Where every app serves its metrics; the proxy lets it through without a session. */
export const METRICS_PATH = '/api/metrics';

/**
 * The `GET /api/metrics` handler: the process's metrics in Prometheus text format 0.0.4 (request
 * durations by route and status, events published and consumed, consumer lag, cache hit ratio,
 * database pool, Node.js defaults). Access: a `Bearer METRICS_TOKEN` when that is set, else
 * clients at loopback and private addresses only (the socket peer, or the client a TRUSTED_PROXIES
 * proxy reported); never through Cloudflare (see `metricsAccess`).
 */
export function metricsRoute(getRuntime: () => TPlatformRuntime): (request: Request) => Promise<Response> {
  return (request) => {
    const runtime = getRuntime();
    return metricsResponse(request, { token: runtime.metrics.token, trustedProxies: runtime.trustedProxies });
  };
}
