import 'server-only';
import { systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { createHealthService, peerHealthCheck, postgresCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Spark's dependencies (spec: Health Check Dependencies): PostgreSQL, and SLATE and IGNIS as peers. */
export const health = createHealthService({
  service: 'spark',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => {
    const urlOptions = urlOptionsFromEnv(getEnv());
    return [
      postgresCheck(),
      peerHealthCheck('slate', `${systemUrl('slate', urlOptions)}/api/health`),
      peerHealthCheck('ignis', `${systemUrl('ignis', urlOptions)}/api/health`),
    ];
  },
});
