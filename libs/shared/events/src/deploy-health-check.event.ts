import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS, ZHealthCheckResultSchema, SAMPLE_DEPLOYMENT } from './event-fields.schema';

export const DEPLOY_HEALTH_CHECK = defineEvent({
  subject: 'wissil.deploy.health_check',
  description: 'The health check of a rolled-out deployment passed or failed',
  schema: z.object({
    ...DEPLOYMENT_FIELDS,
    status: z.enum(['passed', 'failed']),
    /** 1-based attempt number; WAYPOINT retries before declaring the deploy failed. */
    attempt: z.int().positive(),
    /** Per dependency, the same shape as a health report's checks. */
    checks: z.record(z.string().min(1), ZHealthCheckResultSchema),
  }),
  sample: {
    ...SAMPLE_DEPLOYMENT,
    status: 'passed',
    attempt: 1,
    checks: {
      api: { status: 'ok', latencyMs: 41, critical: true },
      database: { status: 'ok', latencyMs: 6, critical: true },
      redis: { status: 'ok', latencyMs: 2, critical: false },
    },
  },
});
export type TDeployHealthCheck = z.infer<typeof DEPLOY_HEALTH_CHECK.schema>;
