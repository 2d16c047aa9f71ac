import 'server-only';
import { createHealthService } from '@lumenforge/health/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** Waypoint's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'waypoint',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => getRuntime().healthChecks(),
});
