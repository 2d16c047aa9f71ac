import { z } from 'zod';

/** Env fragment every app shares: how the six systems are reached and how the process runs. */
export const ZPlatformEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Production domain (`lumenforge.io`): switcher links become https://{system}.{domain}. */
  LUMENFORGE_DOMAIN: z
    .string()
    .regex(
      /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
      'must be a bare domain such as lumenforge.io (no scheme, no path)',
    )
    .optional(),
  /** Host used for links when no domain is set (local runs). */
  LUMENFORGE_LOCAL_HOST: z.string().min(1).default('localhost'),
  /** Version reported by /api/health; images set it to the release tag. */
  LUMENFORGE_VERSION: z.string().min(1).default('0.1.0'),
});
export type TPlatformEnv = z.infer<typeof ZPlatformEnv>;
