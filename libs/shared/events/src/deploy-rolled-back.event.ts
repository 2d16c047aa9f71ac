import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS } from './event-fields.schema';

export const DEPLOY_ROLLED_BACK = defineEvent({
  subject: 'wissil.deploy.rolled_back',
  description: 'An environment was rolled back; version and imageRef are what runs now',
  schema: z.object({
    ...DEPLOYMENT_FIELDS,
    /** The version that was replaced by the rollback. */
    fromVersion: z.string().min(1).max(128),
    reason: z.string().min(1).max(2000),
    /** True when WAYPOINT rolled back by itself after a failed deploy; false when a user asked. */
    isAutomatic: z.boolean(),
  }),
  sample: {
    deploymentId: '0b5020e9-eced-437d-94e6-20900eb082c4',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    environment: 'production',
    imageRef: 'registry.lumenforge.io/acme-web:1.4.1',
    version: '1.4.1',
    fromVersion: '1.4.2',
    reason: 'Health check failed after rollout',
    isAutomatic: true,
  },
});
export type TDeployRolledBack = z.infer<typeof DEPLOY_ROLLED_BACK.schema>;
