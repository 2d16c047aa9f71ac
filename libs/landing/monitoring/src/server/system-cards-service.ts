import { cacheKeys, getOrSet, type TCache } from '@lumenforge/cache';
import { createRepositories, type TDbClient } from '@lumenforge/db/server';
import {
  CARD_SYSTEMS,
  CARDS_CACHE_TTL_MS,
  EMPTY_LIFECYCLE,
  type TCardSystemId,
  type TLifecycleBySystem,
  type TSystemCardsSummary,
} from '../system-cards';

/** What a loader may read: the database, for one workspace. */
export type TLifecycleContext = { db: TDbClient; workspaceId: string };

/** One loader per system. */
export type TLifecycleLoaders = {
  [K in TCardSystemId]: (context: TLifecycleContext) => Promise<TLifecycleBySystem[K]>;
};

/** SLATE: the newest published token version of the workspace. */
export async function loadSlateLifecycle(context: TLifecycleContext): Promise<TLifecycleBySystem['slate']> {
  const latest = await createRepositories(context.db).tokenSets.findLatestVersionForWorkspace(
    context.workspaceId,
  );
  return latest
    ? {
        kind: 'tokens',
        version: latest.number,
        semver: latest.semver,
        publishedAt: latest.publishedAt.toISOString(),
        isBreaking: latest.isBreaking,
      }
    : EMPTY_LIFECYCLE;
}

/** SPARK: how many components, and the newest generated one. */
export async function loadSparkLifecycle(context: TLifecycleContext): Promise<TLifecycleBySystem['spark']> {
  const { count, lastGeneration } = await createRepositories(context.db).components.summary(
    context.workspaceId,
  );
  if (count === 0) return EMPTY_LIFECYCLE;
  return {
    kind: 'components',
    count,
    lastGeneration: lastGeneration
      ? { name: lastGeneration.name, at: lastGeneration.at.toISOString() }
      : null,
  };
}

/** IGNIS: the newest build (status, duration, bundle size). */
export async function loadIgnisLifecycle(context: TLifecycleContext): Promise<TLifecycleBySystem['ignis']> {
  const build = await createRepositories(context.db).projectWork.latestBuild(context.workspaceId);
  return build
    ? {
        kind: 'build',
        status: build.status,
        target: build.target.name,
        durationMs: build.durationMs,
        bundleBytes: build.bundleBytes,
        at: (build.finishedAt ?? build.createdAt).toISOString(),
      }
    : EMPTY_LIFECYCLE;
}

/** IGNITION: how many projects, and the newest. */
export async function loadIgnitionLifecycle(
  context: TLifecycleContext,
): Promise<TLifecycleBySystem['ignition']> {
  const { count, newest } = await createRepositories(context.db).projectWork.projectsOverview(
    context.workspaceId,
  );
  return newest
    ? {
        kind: 'projects',
        count,
        lastProject: { name: newest.name, createdAt: newest.createdAt.toISOString() },
      }
    : EMPTY_LIFECYCLE;
}

/** WAYPOINT: the latest deployment of each environment. */
export async function loadWaypointLifecycle(
  context: TLifecycleContext,
): Promise<TLifecycleBySystem['waypoint']> {
  const latest = await createRepositories(context.db).projectWork.latestDeploymentPerEnvironment(
    context.workspaceId,
  );
  if (latest.length === 0) return EMPTY_LIFECYCLE;
  return {
    kind: 'deployments',
    environments: latest.map((deployment) => ({
      environment: deployment.environment,
      status: deployment.status.replace('_', ' '),
      version: `${deployment.project.name} ${deployment.version}`,
      at: (deployment.finishedAt ?? deployment.createdAt).toISOString(),
    })),
  };
}

/** Each system's loader: what its tables say about the workspace's work. */
export const LIFECYCLE_LOADERS: TLifecycleLoaders = {
  slate: loadSlateLifecycle,
  spark: loadSparkLifecycle,
  ignis: loadIgnisLifecycle,
  ignition: loadIgnitionLifecycle,
  waypoint: loadWaypointLifecycle,
};

export type TSystemCardsOptions = {
  db: TDbClient;
  cache: TCache;
  loaders?: Partial<TLifecycleLoaders>;
  now?: () => Date;
  /** Default {@link CARDS_CACHE_TTL_MS}. */
  cacheTtlMs?: number;
  onError?: (system: TCardSystemId, error: unknown) => void;
};

/** Every card's lifecycle state, loaded concurrently; a failing loader makes only its card `unavailable`. */
export async function buildSystemCards(
  options: TSystemCardsOptions,
  workspaceId: string,
): Promise<TSystemCardsSummary> {
  const loaders = { ...LIFECYCLE_LOADERS, ...options.loaders };
  const context = { db: options.db, workspaceId };
  const entries = await Promise.all(
    CARD_SYSTEMS.map(async (system) => {
      try {
        return [system, await loaders[system](context)] as const;
      } catch (error) {
        options.onError?.(system, error);
        return [system, { kind: 'unavailable' as const }] as const;
      }
    }),
  );
  return {
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    lifecycle: Object.fromEntries(entries) as TLifecycleBySystem,
  };
}

/** The cards' cache key: next to the status summary's `realtime:{workspace_id}`, not on it. */
export const systemCardsCacheKey = cacheKeys.systemCards;

/**
 * `buildSystemCards` through the runtime cache for a few seconds (Redis in cluster mode,
 * in-process otherwise). A new token version reaches open pages through `wissil.tokens.updated`,
 * so the short TTL only bounds what a fresh page load may miss.
 */
export function cachedSystemCards(
  options: TSystemCardsOptions,
  workspaceId: string,
): Promise<TSystemCardsSummary> {
  return getOrSet(
    options.cache,
    systemCardsCacheKey(workspaceId),
    () => buildSystemCards(options, workspaceId),
    {
      ttlMs: options.cacheTtlMs ?? CARDS_CACHE_TTL_MS,
    },
  );
}
