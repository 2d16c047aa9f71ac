import 'server-only';
import { createHealthService } from '@lumenforge/health/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** Landing's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'landing',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => getRuntime().healthChecks(),
});
