/** zod schemas of the token API's request bodies (the token rules themselves live in @lumenforge/tokens). */
import { THEME_NAMES } from '@lumenforge/tokens';
import { z } from 'zod';

const ZPath = z.string().trim().min(1, 'A token path is required').max(500);
const ZTheme = z.enum(THEME_NAMES).nullable().optional();

export const ZDraftOperationSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('set'),
    path: ZPath,
    theme: ZTheme,
    token: z
      .object({
        $value: z.unknown().refine((value) => value !== undefined, 'A token needs a $value'),
        $type: z.string().optional(),
        $description: z.string().max(2_000).optional(),
        $deprecated: z.union([z.boolean(), z.string().max(2_000)]).optional(),
        $extensions: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  }),
  z.object({ op: z.literal('remove'), path: ZPath, theme: ZTheme }),
  z.object({ op: z.literal('rename'), path: ZPath, to: ZPath, theme: ZTheme }),
]);

const ZExpectedUpdatedAt = z.iso.datetime({ offset: true }).optional();

export const ZOperationsBodySchema = z.object({
  operations: z.array(ZDraftOperationSchema).min(1, 'At least one operation').max(500),
  expectedUpdatedAt: ZExpectedUpdatedAt,
});

export const ZReplaceDraftSchema = z.object({
  set: z.object({ base: z.unknown(), themes: z.unknown() }),
  expectedUpdatedAt: ZExpectedUpdatedAt,
});

export const ZPublishInputSchema = z.object({
  changelog: z.string().trim().min(1, 'Describe the changes in the changelog').max(10_000),
  semver: z.string().trim().max(64).optional(),
  expectedUpdatedAt: ZExpectedUpdatedAt,
});

export const ZRestoreInputSchema = z.object({
  changelog: z.string().trim().max(10_000).optional(),
});

export const ZValidateBodySchema = z.object({ operations: z.array(ZDraftOperationSchema).max(500) });
