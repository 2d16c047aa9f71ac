import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';
import { ZIgnisEngineClientEnv } from '@lumenforge/ignis-engine/client';
import { z } from 'zod';

/** Ignis's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'ignis',
  ZPlatformEnv.extend(ZRuntimeEnv.shape)
    .extend(ZIgnisEngineClientEnv.shape)
    .extend({
      /**
       * `on` offers the in-browser runtime (StackBlitz's WebContainer) in the project editor, whose
       * page is then cross-origin isolated (COEP credentialless). Off by default, never required.
       */
      IGNIS_WEBCONTAINER: z.enum(['on', 'off']).default('off'),
    })
    .superRefine(refineRuntimeEnv),
  () => process.env,
);
