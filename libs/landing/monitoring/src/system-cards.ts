// The home page's system cards: each system's lifecycle state (what the work is at), as one typed
// model per system. No I/O: the loaders live in `./server/system-cards-service`.
import { formatBytes, formatMs } from './format';

/** The five systems with a card on the home page (LANDING is the page itself). */
export const CARD_SYSTEMS = ['slate', 'ignition', 'spark', 'ignis', 'waypoint'] as const;
export type TCardSystemId = (typeof CARD_SYSTEMS)[number];

/** How long the lifecycle summary is served from the cache (`realtime:{workspace_id}:cards`). */
export const CARDS_CACHE_TTL_MS = 5_000;

/** Nothing to show yet (no table, or no rows): the card says what will appear and where from. */
export type TEmptyLifecycle = { kind: 'empty' };
/** The loader failed (e.g. the database did not answer): the card says so instead of "empty". */
export type TUnavailableLifecycle = { kind: 'unavailable' };

/** SLATE: the workspace's newest published token version. */
export type TTokensLifecycle = {
  kind: 'tokens';
  version: number;
  semver: string;
  /** ISO 8601. */
  publishedAt: string;
  isBreaking: boolean;
};

/** SPARK: how many components the workspace has and the newest generation. */
export type TComponentsLifecycle = {
  kind: 'components';
  count: number;
  lastGeneration: { name: string; at: string } | null;
};

/** IGNIS: the newest build. */
export type TBuildLifecycle = {
  kind: 'build';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  target: string;
  durationMs: number | null;
  bundleBytes: number | null;
  at: string;
};

/** IGNITION: how many projects and the newest one. */
export type TProjectsLifecycle = {
  kind: 'projects';
  count: number;
  lastProject: { name: string; createdAt: string } | null;
};

/** WAYPOINT: the latest deployment of each environment. */
export type TDeploymentsLifecycle = {
  kind: 'deployments';
  environments: { environment: string; status: string; version: string | null; at: string }[];
};

type TNotYet = TEmptyLifecycle | TUnavailableLifecycle;

/** Each system's lifecycle state: its own kind, or empty/unavailable. */
export type TLifecycleBySystem = {
  slate: TTokensLifecycle | TNotYet;
  spark: TComponentsLifecycle | TNotYet;
  ignis: TBuildLifecycle | TNotYet;
  ignition: TProjectsLifecycle | TNotYet;
  waypoint: TDeploymentsLifecycle | TNotYet;
};

export type TSystemLifecycle = TLifecycleBySystem[TCardSystemId];

/** What the cards show besides health, for one workspace (cached a few seconds). */
export type TSystemCardsSummary = {
  generatedAt: string;
  lifecycle: TLifecycleBySystem;
};

export const EMPTY_LIFECYCLE: TEmptyLifecycle = { kind: 'empty' };

/** The empty state's words: what will appear and where it comes from. */
export const LIFECYCLE_EMPTY_TEXT: Readonly<Record<TCardSystemId, string>> = {
  slate: 'No published token version yet — versions published in Slate appear here',
  spark: 'No components yet — generated components appear here',
  ignis: 'No builds yet — the last build’s status, duration and bundle size appear here',
  ignition: 'No projects yet — projects created in Ignition appear here',
  waypoint: 'No deployments yet — the latest deployment per environment appears here',
};

export function isCardSystem(value: string): value is TCardSystemId {
  return (CARD_SYSTEMS as readonly string[]).includes(value);
}

/**
 * SLATE's lifecycle from a `wissil.tokens.updated` envelope (the page updates the card live), or
 * null when the payload is not one.
 */
export function tokensLifecycleFromEvent(envelope: {
  occurredAt: string;
  data: unknown;
}): TTokensLifecycle | null {
  const data = envelope.data as Partial<Record<string, unknown>> | null;
  if (!data || typeof data !== 'object') return null;
  const { version, semver, isBreaking } = data;
  if (typeof version !== 'number' || typeof semver !== 'string') return null;
  return {
    kind: 'tokens',
    version,
    semver,
    publishedAt: envelope.occurredAt,
    isBreaking: isBreaking === true,
  };
}

/**
 * Keeps the newer of two SLATE states: an event may arrive before or after a fetched summary that
 * already has it, and an older one must not replace a newer version.
 */
export function newerTokensLifecycle(
  current: TLifecycleBySystem['slate'],
  next: TLifecycleBySystem['slate'],
): TLifecycleBySystem['slate'] {
  if (next.kind !== 'tokens') return current.kind === 'tokens' ? current : next;
  if (current.kind !== 'tokens') return next;
  return next.version >= current.version ? next : current;
}

/** One line of a card's lifecycle block ("Tokens 1.4.0 · 24 Nov 2026"). */
export type TLifecycleFact = { label: string; value: string; href?: string; tone?: 'danger' | 'success' };

/** A card's lifecycle block, ready to render. */
export type TLifecycleView =
  | { kind: 'empty' | 'unavailable'; text: string }
  | { kind: 'facts'; facts: TLifecycleFact[]; badge: { text: string; tone: 'danger' } | null };

/**
 * What a card shows for its lifecycle state. `formatDate` renders ISO dates (the page passes its
 * UTC formatter, so server and client agree); `systemUrl` links into the system's own pages.
 */
export function describeLifecycle<TSystem extends TCardSystemId>(
  system: TSystem,
  lifecycle: TLifecycleBySystem[TSystem],
  options: { formatDate: (iso: string) => string; systemUrl: string },
): TLifecycleView {
  const state = lifecycle as TSystemLifecycle;
  switch (state.kind) {
    case 'empty':
      return { kind: 'empty', text: LIFECYCLE_EMPTY_TEXT[system] };
    case 'unavailable':
      return { kind: 'unavailable', text: 'Cannot be read right now' };
    case 'tokens':
      return {
        kind: 'facts',
        facts: [
          {
            label: 'Published',
            value: `v${state.semver}`,
            href: `${options.systemUrl}/versions/${state.version}`,
          },
          { label: 'On', value: options.formatDate(state.publishedAt) },
        ],
        badge: state.isBreaking ? { text: 'Breaking', tone: 'danger' } : null,
      };
    case 'components':
      return {
        kind: 'facts',
        facts: [
          { label: 'Components', value: String(state.count) },
          ...(state.lastGeneration
            ? [
                {
                  label: 'Last generated',
                  value: `${state.lastGeneration.name} · ${options.formatDate(state.lastGeneration.at)}`,
                },
              ]
            : []),
        ],
        badge: null,
      };
    case 'build':
      return {
        kind: 'facts',
        facts: [
          {
            label: 'Last build',
            value: `${state.target} · ${state.status}`,
            ...(state.status === 'failed'
              ? { tone: 'danger' as const }
              : state.status === 'succeeded'
                ? { tone: 'success' as const }
                : {}),
          },
          ...(state.durationMs !== null ? [{ label: 'Took', value: formatMs(state.durationMs) }] : []),
          ...(state.bundleBytes !== null ? [{ label: 'Bundle', value: formatBytes(state.bundleBytes) }] : []),
        ],
        badge: null,
      };
    case 'projects':
      return {
        kind: 'facts',
        facts: [
          { label: 'Projects', value: String(state.count) },
          ...(state.lastProject
            ? [
                {
                  label: 'Newest',
                  value: `${state.lastProject.name} · ${options.formatDate(state.lastProject.createdAt)}`,
                },
              ]
            : []),
        ],
        badge: null,
      };
    case 'deployments':
      return state.environments.length === 0
        ? { kind: 'empty', text: LIFECYCLE_EMPTY_TEXT[system] }
        : {
            kind: 'facts',
            facts: state.environments.map((deployment) => ({
              label: deployment.environment,
              value: `${deployment.version ?? 'unversioned'} · ${deployment.status} · ${options.formatDate(deployment.at)}`,
              ...(deployment.status === 'failed' ? { tone: 'danger' as const } : {}),
            })),
            badge: null,
          };
  }
}
