import 'server-only';
import { httpStatusFor, runHealthChecks, type THealthCheck, type THealthReport } from './health-report';

export { natsCheck, postgresCheck, postgresReplicaCheck, peerHealthCheck, redisCheck } from './checks';

export type THealthService = {
  /** Runs the checks now (used by the home page and by the route). */
  report: () => Promise<THealthReport>;
  /**
   * The GET /api/health route handler. `?probe=live` answers 200 without checking dependencies:
   * a liveness probe must not restart every pod because PostgreSQL is briefly unreachable.
   */
  GET: (request?: Request) => Promise<Response>;
};

/** One app's health: its checks, its report and its route handler. */
export function createHealthService(options: {
  service: string;
  version: () => string;
  checks: () => readonly THealthCheck[];
}): THealthService {
  const report = () =>
    runHealthChecks({
      service: options.service,
      version: options.version(),
      uptimeSeconds: process.uptime(),
      checks: options.checks(),
    });
  return {
    report,
    GET: async (request) => {
      if (request && new URL(request.url).searchParams.get('probe') === 'live') {
        return Response.json(
          { status: 'ok', service: options.service, uptimeSeconds: Math.round(process.uptime()) },
          { headers: { 'cache-control': 'no-store' } },
        );
      }
      const result = await report();
      return Response.json(result, {
        status: httpStatusFor(result),
        headers: { 'cache-control': 'no-store' },
      });
    },
  };
}
