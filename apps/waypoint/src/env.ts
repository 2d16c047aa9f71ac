import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';

/** Waypoint's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'waypoint',
  ZPlatformEnv.extend(ZRuntimeEnv.shape).superRefine(refineRuntimeEnv),
  () => process.env,
);
