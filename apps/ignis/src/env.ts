import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';
import { ZIgnisEngineClientEnv } from '@lumenforge/ignis-engine/client';

/** Ignis's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'ignis',
  ZPlatformEnv.extend(ZRuntimeEnv.shape).extend(ZIgnisEngineClientEnv.shape).superRefine(refineRuntimeEnv),
  () => process.env,
);
