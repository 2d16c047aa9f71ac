import { z } from 'zod';

export const COMPONENT_ORIGINS = ['spark', 'manual', 'import'] as const;
export const COMPONENT_STATUSES = ['draft', 'published', 'deprecated'] as const;
/** SPARK's generators (`TGeneratorId` of `@lumenforge/spark-generator`); a version written by hand has none. */
export const COMPONENT_GENERATORS = ['built-in', 'openai-compatible'] as const;
export type TComponentGenerator = (typeof COMPONENT_GENERATORS)[number];

const ZUserRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** PascalCase, as React components are named: `PricingCard`, `Button2`. */
export const ZComponentNameSchema = z
  .string()
  .trim()
  .min(1, 'A name is required')
  .max(100, 'At most 100 characters')
  .regex(
    /^[A-Z][A-Za-z0-9]*$/,
    'Use PascalCase: a capital letter, then letters and digits (e.g. PricingCard)',
  );

/** A component as lists show it (no source). */
export const ZComponentSummarySchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  origin: z.enum(COMPONENT_ORIGINS),
  status: z.enum(COMPONENT_STATUSES),
  latestVersion: z.int().positive(),
  /** The version IGNITION templates and IGNIS projects import; null until first published. */
  publishedVersion: z.int().positive().nullable(),
  createdBy: ZUserRefSchema.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TComponentSummary = z.infer<typeof ZComponentSummarySchema>;

export const ZComponentVersionSchema = z.object({
  id: z.uuid(),
  number: z.int().positive(),
  source: z.string(),
  tests: z.string().nullable(),
  stories: z.string().nullable(),
  prompt: z.string().nullable(),
  /** The SLATE token version its checks ran against (`default` before the first publish); null on old rows. */
  tokenVersion: z.string().nullable(),
  generator: z.enum(COMPONENT_GENERATORS).nullable(),
  /** The SPARK plan it was generated from (JSON), null when written by hand. */
  plan: z.unknown().nullable(),
  author: ZUserRefSchema.nullable(),
  createdAt: z.date(),
});
export type TComponentVersion = z.infer<typeof ZComponentVersionSchema>;

/** A component with its newest version's files and every version's number, author and date. */
export const ZComponentDetailSchema = ZComponentSummarySchema.extend({
  latest: ZComponentVersionSchema,
  versions: z.array(
    ZComponentVersionSchema.pick({
      id: true,
      number: true,
      author: true,
      createdAt: true,
      prompt: true,
      tokenVersion: true,
      generator: true,
    }),
  ),
});
export type TComponentDetail = z.infer<typeof ZComponentDetailSchema>;

/** What saving a new component takes: its metadata and the files of version 1. */
export const ZCreateComponentSchema = z.object({
  workspaceId: z.uuid(),
  name: ZComponentNameSchema,
  description: z.string().trim().max(2_000, 'At most 2,000 characters').default(''),
  category: z.string().trim().min(1).max(100, 'At most 100 characters').nullable().default(null),
  origin: z.enum(COMPONENT_ORIGINS),
  source: z.string().min(1, 'The component source is required').max(200_000, 'At most 200,000 characters'),
  tests: z.string().max(200_000).nullable().default(null),
  stories: z.string().max(200_000).nullable().default(null),
  prompt: z.string().max(10_000).nullable().default(null),
  authorId: z.uuid().nullable(),
  tokenVersion: z.string().min(1).max(50).nullable().default(null),
  generator: z.enum(COMPONENT_GENERATORS).nullable().default(null),
  plan: z.unknown().nullable().default(null),
});
export type TCreateComponent = z.input<typeof ZCreateComponentSchema>;

/**
 * A new version of an existing component. `baseVersion` is the latest version the author started
 * from: when another version was saved meanwhile the write is refused (409), never silently stacked.
 */
export const ZAddComponentVersionSchema = ZCreateComponentSchema.pick({
  workspaceId: true,
  source: true,
  tests: true,
  stories: true,
  prompt: true,
  authorId: true,
  tokenVersion: true,
  generator: true,
  plan: true,
}).extend({ componentId: z.uuid(), baseVersion: z.int().positive() });
export type TAddComponentVersion = z.input<typeof ZAddComponentVersionSchema>;

/** The SPARK card's numbers: how many components, and the newest generated version. */
export type TComponentLibrarySummary = {
  count: number;
  lastGeneration: { componentId: string; name: string; version: number; at: Date } | null;
};
