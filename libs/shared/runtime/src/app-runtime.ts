import type { THealthReport } from '@lumenforge/health';
import {
  installClientAbortGuard,
  installPeerAddressHeader,
  setProcessLogger,
} from '@lumenforge/observability/server';
import { createRuntime, type TPlatformRuntime } from './runtime';
import { urlOptionsFromEnv } from '@lumenforge/config';
import type { TPlatformEnv } from '@lumenforge/config/env';
import type { TRuntimeEnv } from './env';

type TRuntimeGlobal = { __lumenforgeRuntime?: TPlatformRuntime; __lumenforgeRuntimeStarted?: boolean };
// On globalThis: Next bundles instrumentation and each route separately (module state is not
// shared between them) and dev mode re-evaluates modules on every edit.
const runtimeGlobal = globalThis as typeof globalThis & TRuntimeGlobal;

/**
 * The app's runtime getter, for its `src/runtime.ts`:
 * `export const getRuntime = defineAppRuntime('spark', getEnv);`. Created on first use.
 */
export function defineAppRuntime(
  service: string,
  getEnv: () => TRuntimeEnv & TPlatformEnv,
): () => TPlatformRuntime {
  return () => {
    if (runtimeGlobal.__lumenforgeRuntime) return runtimeGlobal.__lumenforgeRuntime;
    const env = getEnv();
    const runtime = createRuntime({
      service,
      env,
      urlOptions: urlOptionsFromEnv(env),
      version: env.LUMENFORGE_VERSION,
    });
    // Libs without a runtime at hand (the db pool, the event bus) log as this app from now on.
    setProcessLogger(runtime.logger);
    return (runtimeGlobal.__lumenforgeRuntime = runtime);
  };
}

/**
 * From `instrumentation.node.ts` at server start: makes the HTTP server stamp each request's peer
 * address (`installPeerAddressHeader`), guards against client hang-ups (`installClientAbortGuard`), logs the mode and starts the background work (cache
 * invalidation, health events). Runs once per process; retried while it cannot start.
 */
export async function startAppRuntime(
  getRuntime: () => TPlatformRuntime,
  options: { healthReport: () => Promise<THealthReport> },
): Promise<void> {
  if (runtimeGlobal.__lumenforgeRuntimeStarted) return;
  runtimeGlobal.__lumenforgeRuntimeStarted = true;
  // Next exposes no socket address to proxy.ts or route handlers: the server stamps it on each
  // request (dropping a client's own value), and `clientIp` reads it with TRUSTED_PROXIES.
  installPeerAddressHeader();
  // A client that hangs up mid-request ends that request, not as an uncaughtException in the log.
  installClientAbortGuard();
  const runtime = getRuntime();
  runtime.logger.info({ mode: runtime.mode }, runtime.summary);
  await runtime.startBackground({ healthReport: options.healthReport }).catch((error: unknown) => {
    // e.g. PostgreSQL down at start: the app serves (health says down) and this retries shortly.
    runtime.logger.error({ err: error }, 'background work did not start; retrying in 5 s');
    runtimeGlobal.__lumenforgeRuntimeStarted = false;
    setTimeout(() => void startAppRuntime(getRuntime, options), 5_000).unref();
  });
}
