import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS, ZDurationMsSchema, SAMPLE_DEPLOYMENT } from './event-fields.schema';

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
    ...SAMPLE_DEPLOYMENT,
    durationMs: 94_310,
    url: 'https://acme-web.staging.lumenforge.io',
    previousVersion: '1.4.1',
  },
});
export type TDeployCompleted = z.infer<typeof DEPLOY_COMPLETED.schema>;
