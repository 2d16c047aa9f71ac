import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';

/** Spark's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'spark',
  ZPlatformEnv.extend(ZRuntimeEnv.shape).superRefine(refineRuntimeEnv),
  () => process.env,
);
