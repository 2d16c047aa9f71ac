import { z } from 'zod';

const ZUserRefSchema = z.object({ id: z.uuid(), name: z.string() });

/**
 * A workspace's token set row. `draft` is the DTCG `{ base, themes }` document as stored; SLATE
 * (which owns the token rules) validates it before every write, so this lib keeps it opaque.
 */
export const ZTokenSetSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  draft: z.record(z.string(), z.unknown()),
  draftBasedOn: z.int().positive().nullable(),
  draftUpdatedAt: z.date(),
  draftUpdatedBy: ZUserRefSchema.nullable(),
  latestVersion: z.int().positive().nullable(),
  createdAt: z.date(),
});
export type TTokenSetRow = z.infer<typeof ZTokenSetSchema>;

export const TOKEN_VERSION_BUMPS = ['major', 'minor', 'patch', 'none'] as const;

/** A published version without its content (history lists). */
export const ZTokenVersionSummarySchema = z.object({
  id: z.uuid(),
  tokenSetId: z.uuid(),
  number: z.int().positive(),
  semver: z.string(),
  changelog: z.string(),
  author: ZUserRefSchema.nullable(),
  bump: z.enum(TOKEN_VERSION_BUMPS),
  isBreaking: z.boolean(),
  restoredFrom: z.int().positive().nullable(),
  publishedAt: z.date(),
  /** The diff against the previous version, as SLATE computed it (opaque here). */
  diff: z.record(z.string(), z.unknown()),
});
export type TTokenVersionSummaryRow = z.infer<typeof ZTokenVersionSummarySchema>;

export const ZTokenVersionSchema = ZTokenVersionSummarySchema.extend({
  content: z.record(z.string(), z.unknown()),
});
export type TTokenVersionRow = z.infer<typeof ZTokenVersionSchema>;

export const ZAppendTokenVersionSchema = z.object({
  tokenSetId: z.uuid(),
  /** Must be `latestVersion + 1` of the set at the time of writing (checked in the same statement). */
  number: z.int().positive(),
  semver: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'Expected a semantic version like 1.2.0'),
  changelog: z.string().trim().min(1, 'A changelog is required').max(10_000),
  authorId: z.uuid().nullable(),
  content: z.record(z.string(), z.unknown()),
  diff: z.record(z.string(), z.unknown()),
  bump: z.enum(TOKEN_VERSION_BUMPS),
  isBreaking: z.boolean(),
  restoredFrom: z.int().positive().nullable().default(null),
});
export type TAppendTokenVersion = z.input<typeof ZAppendTokenVersionSchema>;
