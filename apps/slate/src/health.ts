import 'server-only';
import { createHealthService, postgresCheck } from '@lumenforge/health/server';
import { getEnv } from './env';

/** Slate's dependencies (spec: Health Check Dependencies). */
export const health = createHealthService({
  service: 'slate',
  version: () => getEnv().LUMENFORGE_VERSION,
  checks: () => [postgresCheck()],
});
