import { z } from 'zod';
import { defineEvent } from './define-event';
import { ZDeployEnvironmentSchema } from './event-fields.schema';

export const PROJECT_CREATED = defineEvent({
  subject: 'wissil.project.created',
  description: 'IGNITION created a project from a template (WAYPOINT sets up its pipeline)',
  schema: z.object({
    projectId: z.uuid(),
    name: z.string().min(1).max(200),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(100),
    templateId: z.uuid(),
    /** The GitHub repository, null when none was created. */
    repositoryUrl: z.url().nullable(),
    /** The SLATE token set the project uses, null when not integrated. */
    tokenSetId: z.uuid().nullable(),
    /** Initial deployment target chosen in the wizard. */
    initialEnvironment: ZDeployEnvironmentSchema,
  }),
  sample: {
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    name: 'Acme Web',
    slug: 'acme-web',
    templateId: '16a6f536-bece-4769-93c7-cdfb9d3b8927',
    repositoryUrl: 'https://github.com/acme/acme-web',
    tokenSetId: 'fbde3822-8a89-45ae-9ca4-51b9f9534a93',
    initialEnvironment: 'dev',
  },
});
export type TProjectCreated = z.infer<typeof PROJECT_CREATED.schema>;
