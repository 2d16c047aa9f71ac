import 'server-only';
import { defineAppRuntime } from '@lumenforge/runtime/server';
import { getEnv } from './env';

/** Ignition's event bus, cache and write limiter, in the mode the environment selects. */
export const getRuntime = defineAppRuntime('ignition', getEnv);
