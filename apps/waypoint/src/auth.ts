import 'server-only';
import { defineAppAuth } from '@lumenforge/runtime/next';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** The data-access-layer checks of this app's pages and server actions (the proxy is not the only gate). */
export const auth = defineAppAuth({ system: 'waypoint', getRuntime, getEnv });
