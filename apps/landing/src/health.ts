import 'server-only';
import { createHealthService, postgresCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Landing's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'landing',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => [postgresCheck()],
});
