import type { TDb } from './client';
import {
  DEPLOY_ENVIRONMENTS,
  type TBuildSummary,
  type TDeploymentSummary,
  type TProjectDetail,
  type TProjectSummary,
  type TProjectsOverview,
  ZBuildSummarySchema,
  ZDeploymentSummarySchema,
  ZProjectSummarySchema,
} from './project-work.schema';
import { byMatchRank, likeLiteral } from './search-pattern';

const PROJECT_SELECT = {
  id: true,
  workspaceId: true,
  name: true,
  slug: true,
  description: true,
  repositoryUrl: true,
  createdAt: true,
} as const;

const DEPLOYMENT_SELECT = {
  id: true,
  project: { select: { id: true, name: true, slug: true } },
  environment: true,
  version: true,
  imageRef: true,
  status: true,
  createdAt: true,
  finishedAt: true,
} as const;

const BUILD_SELECT = {
  id: true,
  status: true,
  trigger: true,
  durationMs: true,
  bundleBytes: true,
  createdAt: true,
  finishedAt: true,
  project: { select: { id: true, name: true } },
  component: { select: { id: true, name: true } },
} as const;

type TBuildRow = {
  id: string;
  project: { id: string; name: string } | null;
  component: { id: string; name: string } | null;
} & Record<string, unknown>;

function toBuildSummary(row: TBuildRow): TBuildSummary {
  const { project, component, ...build } = row;
  const target = project
    ? { kind: 'project' as const, ...project }
    : component
      ? { kind: 'component' as const, ...component }
      : null;
  if (!target) throw new Error(`build ${row.id} has neither a project nor a component`);
  return ZBuildSummarySchema.parse({ ...build, target });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Builds and deployments shown on a project's page. */
const PROJECT_DETAIL_ROWS = 10;

/** At most this many hits per kind from one search. */
const MAX_SEARCH_HITS = 50;
const clampLimit = (limit: number) => Math.min(Math.max(Math.trunc(limit), 1), MAX_SEARCH_HITS);

/**
 * Reads over the work IGNITION (projects), IGNIS (builds) and WAYPOINT (deployments) record, for
 * LANDING's cards and the workspace search. Those systems own the writes.
 */
export class ProjectWorkRepository {
  constructor(private readonly db: TDb) {}

  async projectsOverview(workspaceId: string): Promise<TProjectsOverview> {
    const [count, newest] = await Promise.all([
      this.db.project.count({ where: { workspaceId } }),
      this.db.project.findFirst({
        where: { workspaceId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: PROJECT_SELECT,
      }),
    ]);
    return { count, newest: newest ? ZProjectSummarySchema.parse(newest) : null };
  }

  /** The workspace's projects, newest first (IGNITION's project list). */
  async listProjects(workspaceId: string, limit = 200): Promise<TProjectSummary[]> {
    const rows = await this.db.project.findMany({
      where: { workspaceId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: Math.min(Math.max(Math.trunc(limit), 1), 1_000),
      select: PROJECT_SELECT,
    });
    return rows.map((row) => ZProjectSummarySchema.parse(row));
  }

  /**
   * One project by id or slug (search links by slug, activity by id), with what the other systems
   * did with it: its file count in IGNIS, its newest builds and its deployments. Null when the
   * workspace has no such project.
   */
  async projectDetail(workspaceId: string, idOrSlug: string): Promise<TProjectDetail | null> {
    const row = await this.db.project.findFirst({
      where: { workspaceId, ...(UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug }) },
      select: { ...PROJECT_SELECT, _count: { select: { files: true } } },
    });
    if (!row) return null;
    const { _count, ...project } = row;
    const [builds, deployments] = await Promise.all([
      this.db.build.findMany({
        where: { workspaceId, projectId: project.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: PROJECT_DETAIL_ROWS,
        select: BUILD_SELECT,
      }),
      this.db.deployment.findMany({
        where: { workspaceId, projectId: project.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: PROJECT_DETAIL_ROWS,
        select: DEPLOYMENT_SELECT,
      }),
    ]);
    return {
      project: ZProjectSummarySchema.parse(project),
      fileCount: _count.files,
      builds: builds.map(toBuildSummary),
      deployments: deployments.map((deployment) => ZDeploymentSummarySchema.parse(deployment)),
    };
  }

  /** Projects whose name, slug or description contains `query`; best name matches first. */
  async searchProjects(workspaceId: string, query: string, limit: number): Promise<TProjectSummary[]> {
    const pattern = likeLiteral(query);
    const rows = await this.db.project.findMany({
      where: {
        workspaceId,
        OR: [
          { name: { contains: pattern, mode: 'insensitive' } },
          { slug: { contains: pattern, mode: 'insensitive' } },
          { description: { contains: pattern, mode: 'insensitive' } },
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: MAX_SEARCH_HITS,
      select: PROJECT_SELECT,
    });
    const ranked = byMatchRank(
      rows.map((row) => ZProjectSummarySchema.parse(row)),
      (row) => row.name,
      query,
    );
    return ranked.slice(0, clampLimit(limit));
  }

  /** The workspace's newest build, with the name of the project or component it built. */
  async latestBuild(workspaceId: string): Promise<TBuildSummary | null> {
    const row = await this.db.build.findFirst({
      where: { workspaceId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: BUILD_SELECT,
    });
    return row ? toBuildSummary(row) : null;
  }

  /** The newest deployment of each environment that has one, in dev, staging, production order. */
  async latestDeploymentPerEnvironment(workspaceId: string): Promise<TDeploymentSummary[]> {
    const latest = await Promise.all(
      DEPLOY_ENVIRONMENTS.map((environment) =>
        this.db.deployment.findFirst({
          where: { workspaceId, environment },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          select: DEPLOYMENT_SELECT,
        }),
      ),
    );
    return latest.flatMap((row) => (row ? [ZDeploymentSummarySchema.parse(row)] : []));
  }

  /** Deployments whose project name or slug, version or image contains `query`; newest first. */
  async searchDeployments(workspaceId: string, query: string, limit: number): Promise<TDeploymentSummary[]> {
    const pattern = likeLiteral(query);
    const rows = await this.db.deployment.findMany({
      where: {
        workspaceId,
        OR: [
          { version: { contains: pattern, mode: 'insensitive' } },
          { imageRef: { contains: pattern, mode: 'insensitive' } },
          { project: { name: { contains: pattern, mode: 'insensitive' } } },
          { project: { slug: { contains: pattern, mode: 'insensitive' } } },
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: clampLimit(limit),
      select: DEPLOYMENT_SELECT,
    });
    return rows.map((row) => ZDeploymentSummarySchema.parse(row));
  }
}
