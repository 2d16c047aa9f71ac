import { z } from 'zod';
import { defineEvent } from './define-event';
import { BUILD_TARGET_FIELDS } from './event-fields.schema';

export const BUILD_TRIGGERS = [
  'file_change',
  'manual',
  'ci',
  'tokens_updated',
  'deploy',
  // IGNIS's component-library build, queued by wissil.component.published.
  'component_published',
] as const;

export const BUILD_STARTED = defineEvent({
  subject: 'wissil.build.started',
  description: 'IGNIS started a build of a project or component',
  schema: z.object({
    ...BUILD_TARGET_FIELDS,
    trigger: z.enum(BUILD_TRIGGERS),
    /** Git commit being built, when the source is a repository. */
    commitSha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/)
      .optional(),
  }),
  sample: {
    buildId: 'c820fb72-3da0-46af-a6ea-76201cbc59d2',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    trigger: 'file_change',
    commitSha: '3f9c2e1',
  },
});
export type TBuildStarted = z.infer<typeof BUILD_STARTED.schema>;
