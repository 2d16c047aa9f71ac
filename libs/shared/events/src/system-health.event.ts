import { z } from 'zod';
import { defineEvent } from './define-event';
import { ZHealthCheckResultSchema, ZHealthStatusSchema, ZServiceNameSchema } from './event-fields.schema';

/** Mirrors THealthReport of @lumenforge/health (GET /api/health). */
export const SYSTEM_HEALTH = defineEvent({
  subject: 'wissil.system.health',
  description: "A service's health report (LANDING shows it on the system cards)",
  schema: z.object({
    service: ZServiceNameSchema,
    status: ZHealthStatusSchema,
    version: z.string().min(1).max(128),
    uptimeSeconds: z.int().nonnegative(),
    checkedAt: z.iso.datetime({ offset: true }),
    checks: z.record(z.string().min(1), ZHealthCheckResultSchema),
  }),
  sample: {
    service: 'slate',
    status: 'degraded',
    version: '0.1.0',
    uptimeSeconds: 86_400,
    checkedAt: '2026-03-14T09:30:00.000Z',
    checks: {
      database: { status: 'ok', latencyMs: 4, critical: true },
      redis: { status: 'down', latencyMs: 2000, critical: false, error: 'timed out after 2000 ms' },
    },
  },
});
export type TSystemHealth = z.infer<typeof SYSTEM_HEALTH.schema>;
