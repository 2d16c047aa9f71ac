import 'server-only';
import { createHealthService } from '@lumenforge/health/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** Ignis's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'ignis',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => getRuntime().healthChecks(),
});
