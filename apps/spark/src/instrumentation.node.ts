import { validateEnvAtBoot } from '@lumenforge/config/boot';
import { startAppRuntime } from '@lumenforge/runtime/server';
import { warmUpCheckPool } from '@lumenforge/spark-checks';
import { getEnv, getLlmEnv } from './env';
import { health } from './health';
import { getRuntime } from './runtime';

// Invalid configuration stops the app at start with a message naming the variable.
validateEnvAtBoot(getEnv);
validateEnvAtBoot(getLlmEnv);
// Logs the mode, then consumes cache invalidations and publishes wissil.system.health every 15 s.
void startAppRuntime(getRuntime, { healthReport: health.report });
// Checks run in worker threads; each would parse TypeScript's and React's declarations on its first
// check: start and warm them after boot, so the first generation does not wait for it.
setTimeout(() => {
  warmUpCheckPool().catch((err: unknown) => getRuntime().logger.error({ err }, 'component check workers did not start'));
}, 1_000).unref();
