import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS, ZHealthCheckResultSchema } from './event-fields.schema';

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
    deploymentId: '0b5020e9-eced-437d-94e6-20900eb082c4',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    environment: 'staging',
    imageRef: 'registry.lumenforge.io/acme-web:1.4.2',
    version: '1.4.2',
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
