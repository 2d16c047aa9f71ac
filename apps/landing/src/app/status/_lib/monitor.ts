import 'server-only';
import { urlOptionsFromEnv } from '@lumenforge/config';
import {
  createLandingMonitor,
  defineLandingMonitor,
  readMonitorEnv,
} from '@lumenforge/landing-monitoring/server';
import { getEnv } from '../../../env';
import { getRuntime } from '../../../runtime';

/**
 * LANDING's system monitor (one per process): the minute sampler started by instrumentation, and
 * the status summary behind /status and GET /api/status. Its optional variables (NATS_MONITOR_URL,
 * REGISTRY_URL, REGISTRY_STORAGE_DIR) are read by `readMonitorEnv`.
 */
export const getMonitor = defineLandingMonitor(() => {
  const env = getEnv();
  return createLandingMonitor({
    runtime: getRuntime(),
    env,
    monitorEnv: readMonitorEnv(),
    urlOptions: urlOptionsFromEnv(env),
  });
});
