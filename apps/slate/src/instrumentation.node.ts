import { validateEnvAtBoot } from '@lumenforge/config/boot';
import { startAppRuntime } from '@lumenforge/runtime/server';
import { getEnv } from './env';
import { health } from './health';
import { getRuntime } from './runtime';
import { ensureWorkspaceTokenSets } from './tokens';

// Invalid configuration stops the app at start with a message naming the variable.
validateEnvAtBoot(getEnv);
// Logs the mode, then consumes cache invalidations and publishes wissil.system.health every 15 s.
void startAppRuntime(getRuntime, { healthReport: health.report });
// The default token set becomes each workspace's first published version.
void ensureWorkspaceTokenSets();
