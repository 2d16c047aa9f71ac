import { validateEnvAtBoot } from '@lumenforge/config/boot';
import { startAppRuntime } from '@lumenforge/runtime/server';
import { getEnv } from './env';
import { health } from './health';
import { getRuntime } from './runtime';
import { getMonitor } from './app/status/_lib/monitor';

// Invalid configuration stops the app at start with a message naming the variable.
validateEnvAtBoot(getEnv);
// Logs the mode, then consumes cache invalidations and publishes wissil.system.health every 15 s.
void startAppRuntime(getRuntime, { healthReport: health.report });
// LANDING only: a health sample of the six apps and the data services every minute (/status's
// uptime and alerts). With several replicas one writes per minute; the rest skip that minute.
getMonitor().sampler.start();
