import { z } from 'zod';
import { ZBuildStageSchema } from './build-progress.event';
import { defineEvent } from './define-event';
import { BUILD_TARGET_FIELDS, ZDurationMsSchema } from './event-fields.schema';

export const BUILD_FAILED = defineEvent({
  subject: 'wissil.build.failed',
  description: 'A build failed; carries the failing stage and error',
  schema: z.object({
    ...BUILD_TARGET_FIELDS,
    durationMs: ZDurationMsSchema,
    stage: ZBuildStageSchema.optional(),
    error: z.object({
      message: z.string().min(1).max(4000),
      code: z.string().max(100).optional(),
    }),
    /** Whether running the same build again may succeed (e.g. a registry timeout). */
    isRetryable: z.boolean(),
  }),
  sample: {
    buildId: 'c820fb72-3da0-46af-a6ea-76201cbc59d2',
    componentId: '1a7e5e53-61e7-4e88-82b4-4a870896f3b0',
    durationMs: 912,
    stage: 'typecheck',
    error: {
      message: "src/button.tsx(12,7): Type 'string' is not assignable to type 'number'.",
      code: 'TS2322',
    },
    isRetryable: false,
  },
});
export type TBuildFailed = z.infer<typeof BUILD_FAILED.schema>;
