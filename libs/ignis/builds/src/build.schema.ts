import { z } from 'zod';

/** The pipeline's stages, in order. */
export const PIPELINE_STAGES = ['install', 'typecheck', 'tests', 'bundle', 'images'] as const;
export type TPipelineStageName = (typeof PIPELINE_STAGES)[number];

export const ZStageStateSchema = z.object({
  name: z.enum(PIPELINE_STAGES),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'reused']),
  startedAt: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  percent: z.number().int().min(0).max(100),
  message: z.string().nullable(),
});
export type TStageState = z.infer<typeof ZStageStateSchema>;

export const ZBuildErrorDetailSchema = z.object({
  stage: z.enum(PIPELINE_STAGES).nullable(),
  message: z.string(),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  code: z.string().nullable(),
  limitHit: z.enum(['cpu', 'memory', 'wall-clock', 'cancelled']).nullable(),
});
export type TBuildErrorDetail = z.infer<typeof ZBuildErrorDetailSchema>;

export const ZModuleSizeSchema = z.object({
  id: z.string(),
  chunk: z.string(),
  package: z.string().nullable(),
  renderedBytes: z.number().int().nonnegative(),
});
export const ZChunkSizeSchema = z.object({
  fileName: z.string(),
  kind: z.enum(['entry', 'dynamic', 'shared', 'css', 'asset', 'html', 'sourcemap']),
  bytes: z.number().int().nonnegative(),
  gzipBytes: z.number().int().nonnegative(),
  brotliBytes: z.number().int().nonnegative(),
});
export const ZSuggestionSchema = z.object({
  kind: z.enum(['largest-module', 'duplicate-package', 'unused-dependency', 'large-chunk']),
  message: z.string(),
  bytes: z.number().int().nonnegative().nullable(),
});
export const ZBuildMetricsSchema = z.object({
  totalBytes: z.number().int().nonnegative(),
  gzipBytes: z.number().int().nonnegative(),
  brotliBytes: z.number().int().nonnegative(),
  /** Source maps are written but not counted in the totals above. */
  sourceMapBytes: z.number().int().nonnegative(),
  chunks: z.array(ZChunkSizeSchema),
  modules: z.array(ZModuleSizeSchema),
  duplicates: z.array(z.object({ name: z.string(), versions: z.array(z.string()) })),
  unusedDependencies: z.array(z.object({ name: z.string(), installedBytes: z.number().int().nonnegative() })),
  images: z.array(
    z.object({ file: z.string(), beforeBytes: z.number().int(), afterBytes: z.number().int() }),
  ),
  savedBytes: z.number().int().nonnegative(),
  stageMs: z.record(z.string(), z.number().int().nonnegative()),
  suggestions: z.array(ZSuggestionSchema),
  warnings: z.number().int().nonnegative(),
});
export type TBuildMetrics = z.infer<typeof ZBuildMetricsSchema>;

export const BUILD_KINDS = ['project', 'component', 'component-library'] as const;
export type TBuildKind = (typeof BUILD_KINDS)[number];

/** What a build materialises (the subset of the workspace lib's sources a build can name). */
export const ZBuildSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), projectId: z.uuid() }),
  z.object({
    kind: z.literal('component'),
    componentId: z.uuid(),
    version: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('component-library'), workspaceId: z.uuid() }),
  z.object({
    kind: z.literal('files'),
    files: z.record(z.string(), z.string()),
    entry: z.string(),
    workspaceId: z.uuid().optional(),
  }),
]);
export type TBuildSource = z.infer<typeof ZBuildSourceSchema>;

export const BUILD_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type TBuildStatus = (typeof BUILD_STATUSES)[number];

/** A build as the API and UI see it. */
export type TBuildView = {
  id: string;
  workspaceId: string;
  kind: TBuildKind;
  status: TBuildStatus;
  trigger: string;
  projectId: string | null;
  componentId: string | null;
  target: { kind: 'project' | 'component'; id: string; name: string } | null;
  causeKind: string | null;
  causeRef: string | null;
  inputDigest: string | null;
  artifactDigest: string | null;
  /** Where the artifact was pushed (cluster mode): `<registry>/<repository>@sha256:…`; else null. */
  artifactRef: string | null;
  reusedFromBuildId: string | null;
  stages: TStageState[];
  metrics: TBuildMetrics | null;
  error: string | null;
  errorDetail: TBuildErrorDetail | null;
  attempts: number;
  durationMs: number | null;
  bundleBytes: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelRequestedAt: string | null;
};

export function initialStages(): TStageState[] {
  return PIPELINE_STAGES.map((name) => ({
    name,
    status: 'pending',
    startedAt: null,
    durationMs: null,
    percent: 0,
    message: null,
  }));
}
