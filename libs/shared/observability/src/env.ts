import { createEnv } from '@lumenforge/config';
import { z } from 'zod';
import { parseTrustedProxies } from './trusted-proxies';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type TLogLevel = (typeof LOG_LEVELS)[number];

/**
 * Env fragment the observability lib owns. `@lumenforge/runtime/env` includes it in `ZRuntimeEnv`,
 * so every app validates it at boot.
 */
export const ZObservabilityEnv = z.object({
  /** Lowest level written: fatal, error, warn, info (default), debug, trace or silent. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * `json`: one JSON object per line (what Loki or an ELK pipeline ingests); `pretty`: coloured,
   * human-readable lines. Default: json when NODE_ENV=production, pretty otherwise.
   */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /**
   * Bearer token Prometheus sends to `/api/metrics`. Unset: only requests from loopback or private
   * addresses that did not come through Cloudflare are answered (see the lib's README).
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * The reverse proxies whose `X-Forwarded-For` / `CF-Connecting-IP` are believed: comma-separated
   * IPv4/IPv6 addresses and CIDR ranges, and `cloudflare` for Cloudflare's published ranges (e.g.
   * `cloudflare,10.0.0.0/8`). Unset: none; every request's client is its socket peer. Rate limits,
   * audit rows and the `/api/metrics` address rule use the resulting client address.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
});
export type TObservabilityEnv = z.infer<typeof ZObservabilityEnv>;

const ZProcessLogEnv = ZObservabilityEnv.pick({ LOG_LEVEL: true, LOG_FORMAT: true }).extend({
  NODE_ENV: z.string().optional(),
});

/** The log settings of this process, from `process.env` (on call, not at import). */
export function readLogSettings(source: Record<string, string | undefined> = process.env): {
  level: TLogLevel;
  isPretty: boolean;
} {
  const env = createEnv('logging', ZProcessLogEnv, source);
  return {
    level: env.LOG_LEVEL,
    isPretty: (env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty')) === 'pretty',
  };
}
