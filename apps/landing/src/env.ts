import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { ZOidcClientEnv } from '@lumenforge/auth/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';

/** Landing's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'landing',
  ZPlatformEnv.extend(ZRuntimeEnv.shape)
    .extend(ZOidcClientEnv.shape)
    .superRefine((env, ctx) => {
      refineRuntimeEnv(env, ctx);
      // In production the sign-in state must survive restarts and replicas: no generated secrets.
      if (env.NODE_ENV === 'production' && env.OIDC_ISSUER && !env.AUTH_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_SECRET'],
          message: 'is required in production when OIDC_ISSUER is set',
        });
      if (env.OIDC_ISSUER && !env.OIDC_CLIENT_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_CLIENT_SECRET'],
          message: 'is required when OIDC_ISSUER is set',
        });
    }),
  () => process.env,
);
