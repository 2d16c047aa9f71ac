import 'server-only';
import { systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { createHealthService, peerHealthCheck } from '@lumenforge/health/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** Spark's dependencies (spec: Health Check Dependencies): PostgreSQL, and SLATE and IGNIS as peers. */
export const health = createHealthService({
  service: 'spark',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => {
    const urlOptions = urlOptionsFromEnv(getEnv());
    return [
      ...getRuntime().healthChecks(),
      peerHealthCheck('slate', `${systemUrl('slate', urlOptions)}/api/health`),
      peerHealthCheck('ignis', `${systemUrl('ignis', urlOptions)}/api/health`),
    ];
  },
});
