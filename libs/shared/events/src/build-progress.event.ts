import { z } from 'zod';
import { defineEvent } from './define-event';
import { BUILD_TARGET_FIELDS } from './event-fields.schema';

/** The pipeline stages of the IGNIS build (spec: "IGNIS Build Pipeline"). */
export const BUILD_STAGES = [
  'install',
  'typecheck',
  'compile',
  'tree_shake',
  'code_split',
  'css_purge',
  'image_optimize',
  'bundle',
] as const;
export const ZBuildStageSchema = z.enum(BUILD_STAGES);

export const BUILD_PROGRESS = defineEvent({
  subject: 'wissil.build.progress',
  description: 'A running build entered a stage or advanced its progress',
  schema: z.object({
    ...BUILD_TARGET_FIELDS,
    stage: ZBuildStageSchema,
    percent: z.int().min(0).max(100),
    message: z.string().max(500).optional(),
  }),
  sample: {
    buildId: 'c820fb72-3da0-46af-a6ea-76201cbc59d2',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    stage: 'tree_shake',
    percent: 60,
    message: 'Tree shaking 412 modules',
  },
});
export type TBuildProgress = z.infer<typeof BUILD_PROGRESS.schema>;
