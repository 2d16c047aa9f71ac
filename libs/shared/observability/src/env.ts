import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

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
