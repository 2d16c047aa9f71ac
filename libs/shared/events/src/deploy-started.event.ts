import { z } from 'zod';
import { defineEvent } from './define-event';
import { DEPLOYMENT_FIELDS, SAMPLE_DEPLOYMENT } from './event-fields.schema';

export const DEPLOY_STARTED = defineEvent({
  subject: 'wissil.deploy.started',
  description: 'WAYPOINT started deploying a version to an environment',
  schema: z.object({
    ...DEPLOYMENT_FIELDS,
    buildId: z.uuid().optional(),
    /** User who requested the deploy. */
    requestedBy: z.uuid(),
    /** The approval that allowed it (staging and production); null for auto-deploys to dev. */
    approvalId: z.uuid().nullable(),
    /** Version currently running in the environment, null for the first deploy. */
    previousVersion: z.string().min(1).max(128).nullable(),
  }),
  sample: {
    ...SAMPLE_DEPLOYMENT,
    buildId: 'c820fb72-3da0-46af-a6ea-76201cbc59d2',
    requestedBy: 'e7336e82-773b-4b50-9863-705b711c4349',
    approvalId: 'f7562b6a-39b1-40b9-bbb0-c22dc64a65fe',
    previousVersion: '1.4.1',
  },
});
export type TDeployStarted = z.infer<typeof DEPLOY_STARTED.schema>;
