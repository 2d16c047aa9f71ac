import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS, ZDurationMsSchema } from './event-fields.schema';

export const DEPLOY_COMPLETED = defineEvent({
  subject: 'wissil.deploy.completed',
  description: 'A deployment rolled out and passed its health check',
  schema: z.object({
    ...DEPLOYMENT_FIELDS,
    durationMs: ZDurationMsSchema,
    /** Where the deployed version is served. */
    url: z.url(),
    previousVersion: z.string().min(1).max(128).nullable(),
  }),
  sample: {
    deploymentId: '0b5020e9-eced-437d-94e6-20900eb082c4',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    environment: 'staging',
    imageRef: 'registry.lumenforge.io/acme-web:1.4.2',
    version: '1.4.2',
    durationMs: 94_310,
    url: 'https://acme-web.staging.lumenforge.io',
    previousVersion: '1.4.1',
  },
});
export type TDeployCompleted = z.infer<typeof DEPLOY_COMPLETED.schema>;
