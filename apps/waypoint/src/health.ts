import 'server-only';
import { createHealthService, postgresCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Waypoint's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'waypoint',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => [postgresCheck()],
});
