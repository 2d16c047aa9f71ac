/**
 * The cluster-mode key layout from spec ("Redis key patterns"). Build keys here, never by hand, so a
 * prefix delete (`cacheKeys.build('')` = "cache:build:") always matches what was written.
 */
export const cacheKeys = {
  /** `cache:build:{project_id}`: the latest build output/metrics of a project. */
  build: (projectId: string) => `cache:build:${projectId}`,
  /** `components:{id}`: a component and its current version. */
  component: (id: string) => `components:${id}`,
  /** `cache:tokens:{workspace_id}`: a workspace's resolved token sets and exports (a prefix: one entry per theme/format). */
  tokens: (workspaceId: string) => `cache:tokens:${workspaceId}:`,
  /** `cache:templates:{workspace_id}:`: IGNITION's templates of a workspace (a prefix: the list, then one entry per template version). */
  templates: (workspaceId: string) => `cache:templates:${workspaceId}:`,
  /** `realtime:{workspace_id}`: live state of a workspace (presence, latest events). */
  realtime: (workspaceId: string) => `realtime:${workspaceId}`,
  /** `realtime:{workspace_id}:cards`: LANDING's system cards (lifecycle state), next to the status summary. */
  systemCards: (workspaceId: string) => `realtime:${workspaceId}:cards`,
} as const;
