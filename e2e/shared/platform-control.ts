import { controlApp, listApps, type TAppStatus } from '@lumenforge/platform/control-client';
import { E2E_HOME } from './sign-in';

// The e2e platform's control channel (tools/platform: `npm run app`), on the Unix socket in its
// LUMENFORGE_HOME. A start or stop answers once it is done: running and healthy, or exited.
const OPTIONS = { home: E2E_HOME, timeoutMs: 150_000 };

/** Every app of the e2e platform and its state under the supervisor. */
export function platformApps(): Promise<TAppStatus[]> {
  return listApps(OPTIONS);
}

/** Stops one app of the e2e platform (it stays stopped); resolves once it exited. */
export function stopPlatformApp(id: string): Promise<TAppStatus> {
  return controlApp('stop', id, OPTIONS);
}

/** Starts one app of the e2e platform; resolves once its /api/health is ok. */
export function startPlatformApp(id: string): Promise<TAppStatus> {
  return controlApp('start', id, OPTIONS);
}
