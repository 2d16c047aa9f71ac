import 'server-only';
import { createHealthService, postgresCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Ignition's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'ignition',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => [postgresCheck()],
});
