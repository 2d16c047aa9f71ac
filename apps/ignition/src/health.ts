import 'server-only';
import { createHealthService } from '@lumenforge/health/server';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** Ignition's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'ignition',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => getRuntime().healthChecks(),
});
