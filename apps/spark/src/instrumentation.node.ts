import { validateEnvAtBoot } from '@lumenforge/config/boot';
import { startAppRuntime } from '@lumenforge/runtime/server';
import { warmUpTypeCheck } from '@lumenforge/spark-checks';
import { getEnv, getLlmEnv } from './env';
import { health } from './health';
import { getRuntime } from './runtime';

// Invalid configuration stops the app at start with a message naming the variable.
validateEnvAtBoot(getEnv);
validateEnvAtBoot(getLlmEnv);
// Logs the mode, then consumes cache invalidations and publishes wissil.system.health every 15 s.
void startAppRuntime(getRuntime, { healthReport: health.report });
// The first component save would parse TypeScript's and React's declarations: do it once, after boot.
setTimeout(warmUpTypeCheck, 1_000).unref();
