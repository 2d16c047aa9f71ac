import 'server-only';
import { createHealthService, postgresCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Ignis's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'ignis',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => [postgresCheck()],
});
