import 'server-only';
import { defineAppRuntime } from '@lumenforge/runtime/server';
import { getEnv } from './env';

/** Ignis's event bus, cache and write limiter, in the mode the environment selects. */
export const getRuntime = defineAppRuntime('ignis', getEnv);
