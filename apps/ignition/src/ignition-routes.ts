import 'server-only';
import { createIgnitionHandlers } from './ignition-handlers';
import { getRuntime } from './runtime';

/** The handlers the route files under `app/api` export (one set per process, over the app runtime). */
export const ignitionHandlers = createIgnitionHandlers(getRuntime);
