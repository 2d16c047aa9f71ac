import { z } from 'zod';
import { defineEvent } from './define-event';
import { BUILD_TARGET_FIELDS, ZDurationMsSchema, ZNonNegativeIntSchema } from './event-fields.schema';

export const BUILD_COMPLETED = defineEvent({
  subject: 'wissil.build.completed',
  description: 'A build finished successfully; carries the build metrics',
  schema: z.object({
    ...BUILD_TARGET_FIELDS,
    durationMs: ZDurationMsSchema,
    bundleSizeBytes: ZNonNegativeIntSchema,
    /** Number of warnings the build reported. */
    warnings: ZNonNegativeIntSchema,
    /** Bytes removed by tree shaking, CSS purging and image optimization, when measured. */
    savedBytes: ZNonNegativeIntSchema.optional(),
    /** Where the output went (artifact path or image ref) for WAYPOINT to deploy. */
    artifactRef: z.string().min(1).max(512).optional(),
  }),
  sample: {
    buildId: 'c820fb72-3da0-46af-a6ea-76201cbc59d2',
    projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
    durationMs: 1840,
    bundleSizeBytes: 248_331,
    warnings: 2,
    savedBytes: 91_204,
    artifactRef: 'builds/c820fb72-3da0-46af-a6ea-76201cbc59d2/output.tar.gz',
  },
});
export type TBuildCompleted = z.infer<typeof BUILD_COMPLETED.schema>;
