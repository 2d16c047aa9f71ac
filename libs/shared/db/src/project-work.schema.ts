import { z } from 'zod';

export const BUILD_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const DEPLOY_ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export const DEPLOYMENT_STATUSES = ['pending', 'in_progress', 'succeeded', 'failed', 'rolled_back'] as const;

export const ZProjectSummarySchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  repositoryUrl: z.string().nullable(),
  createdAt: z.date(),
});
export type TProjectSummary = z.infer<typeof ZProjectSummarySchema>;

/** IGNITION's project page: the project and what IGNIS and WAYPOINT did with it. */
export type TProjectDetail = {
  project: TProjectSummary;
  fileCount: number;
  builds: TBuildSummary[];
  deployments: TDeploymentSummary[];
};

/** The IGNITION card's numbers. */
export type TProjectsOverview = { count: number; newest: TProjectSummary | null };

/** A build with the name of what it built (a project or a component). */
export const ZBuildSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(BUILD_STATUSES),
  trigger: z.string(),
  target: z.object({ kind: z.enum(['project', 'component']), id: z.uuid(), name: z.string() }),
  durationMs: z.int().nonnegative().nullable(),
  bundleBytes: z.int().nonnegative().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type TBuildSummary = z.infer<typeof ZBuildSummarySchema>;

export const ZDeploymentSummarySchema = z.object({
  id: z.uuid(),
  project: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  environment: z.enum(DEPLOY_ENVIRONMENTS),
  version: z.string(),
  imageRef: z.string(),
  status: z.enum(DEPLOYMENT_STATUSES),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type TDeploymentSummary = z.infer<typeof ZDeploymentSummarySchema>;
