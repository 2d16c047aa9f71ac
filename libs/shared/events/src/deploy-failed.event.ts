import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS, ZDurationMsSchema } from './event-fields.schema';

/** Steps of the WAYPOINT deployment flow that can fail. */
export const DEPLOY_STAGES = ['build_image', 'push_image', 'apply', 'rollout', 'health_check'] as const;

export const DEPLOY_FAILED = defineEvent({
  subject: 'wissil.deploy.failed',
  description: 'A deployment failed at one of its stages',
  schema: z.object({
    ...DEPLOYMENT_FIELDS,
    stage: z.enum(DEPLOY_STAGES),
    durationMs: ZDurationMsSchema,
    error: z.string().min(1).max(4000),
    /** Whether WAYPOINT will roll back to the previous version (a deploy.rolled_back follows). */
    willRollBack: z.boolean(),
  }),
  sample: {
    deploymentId: '0b5020e9-eced-437d-94e6-20900eb082c4',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    environment: 'production',
    imageRef: 'registry.lumenforge.io/acme-web:1.4.2',
    version: '1.4.2',
    stage: 'health_check',
    durationMs: 121_004,
    error: 'database check failed 3 times: connection refused',
    willRollBack: true,
  },
});
export type TDeployFailed = z.infer<typeof DEPLOY_FAILED.schema>;
