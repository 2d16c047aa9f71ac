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

/** One loader per system; a later issue replaces a system's `empty` loader with a real one. */
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

const empty = () => Promise.resolve(EMPTY_LIFECYCLE);

/**
 * SPARK (components), IGNIS (builds), IGNITION (projects) and WAYPOINT (deployments) have no tables
 * yet: their cards say what will appear there. Their issues add the loaders.
 */
export const LIFECYCLE_LOADERS: TLifecycleLoaders = {
  slate: loadSlateLifecycle,
  spark: empty,
  ignis: empty,
  ignition: empty,
  waypoint: empty,
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
export const systemCardsCacheKey = (workspaceId: string) => `${cacheKeys.realtime(workspaceId)}:cards`;

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
