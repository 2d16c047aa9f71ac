import { z } from 'zod';
import { defineEvent } from './define-event';
import { ZNonNegativeIntSchema } from './event-fields.schema';

/** Counts of token changes between two versions of a token set. */
export const ZTokenChangeSummarySchema = z.object({
  added: ZNonNegativeIntSchema,
  removed: ZNonNegativeIntSchema,
  renamed: ZNonNegativeIntSchema,
  changed: ZNonNegativeIntSchema,
  deprecated: ZNonNegativeIntSchema,
});
export type TTokenChangeSummary = z.infer<typeof ZTokenChangeSummarySchema>;

export const TOKENS_UPDATED = defineEvent({
  subject: 'wissil.tokens.updated',
  description: "A workspace's design tokens were saved as a new version (SPARK reloads, IGNIS hot-reloads)",
  schema: z.object({
    tokenSetId: z.uuid(),
    version: z.int().positive(),
    /** null for the first version of the token set. */
    previousVersion: z.int().positive().nullable(),
    /** Semantic version of the new version, e.g. `2.0.0`. */
    semver: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/),
    previousSemver: z
      .string()
      .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/)
      .nullable(),
    changeSummary: ZTokenChangeSummarySchema,
    /** True when a removal, rename or type change can break consumers. */
    isBreaking: z.boolean(),
  }),
  sample: {
    tokenSetId: 'fbde3822-8a89-45ae-9ca4-51b9f9534a93',
    version: 8,
    previousVersion: 7,
    semver: '3.0.0',
    previousSemver: '2.4.1',
    changeSummary: { added: 2, removed: 0, renamed: 1, changed: 5, deprecated: 1 },
    isBreaking: true,
  },
});
export type TTokensUpdated = z.infer<typeof TOKENS_UPDATED.schema>;
