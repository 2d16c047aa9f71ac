/**
 * The workspace search behind every app's Ctrl/⌘-K palette: components (SPARK), token paths of
 * the published set (SLATE), projects (IGNITION) and deployments (WAYPOINT), each kind only for
 * roles that may read it. Every app serves it on its own origin at `/api/search`, so the palette
 * needs no cross-origin request; the hits link into the owning app.
 */
import { hasPermission, type TPermission, type TPrincipal } from '@lumenforge/auth';
import { cacheKeys, getOrSet } from '@lumenforge/cache';
import { createRepositories } from '@lumenforge/db/server';
import { tokenEntries } from '@lumenforge/tokens';
import { z } from 'zod';
import { apiRoute } from './api-route';
import { readPublishedTokenSet } from './published-theme';
import { readQuery } from './read-query';
import type { TPlatformRuntime } from './runtime';

export const SEARCH_API_PATH = '/api/search';
export const SEARCH_KINDS = ['component', 'token', 'project', 'deployment'] as const;
export type TSearchKind = (typeof SEARCH_KINDS)[number];

export type TSearchHit = {
  kind: TSearchKind;
  id: string;
  title: string;
  subtitle: string | null;
  /** Absolute URL of the hit's page in the app that owns it. */
  url: string;
};
export type TSearchResponse = { query: string; results: TSearchHit[] };

export const ZSearchQuerySchema = z.object({
  q: z.string().max(200, 'at most 200 characters').default(''),
  /** Hits per kind. */
  limit: z.coerce.number().int().min(1).max(20).default(6),
});

/** One published token as search sees it: its path, type and light-theme CSS value. */
type TTokenIndexEntry = { path: string; type: string; value: string };

const TOKEN_INDEX_TTL_MS = 10 * 60_000;

/**
 * The published set's token paths, cached with the theme (under `cache:tokens:{workspace}`, which
 * `wissil.tokens.updated` clears in every app). Empty before the first publish.
 */
async function tokenIndex(runtime: TPlatformRuntime, workspaceId: string): Promise<TTokenIndexEntry[]> {
  return getOrSet(
    runtime.cache,
    `${cacheKeys.tokens(workspaceId)}search-index`,
    async () => {
      const set = (await readPublishedTokenSet(runtime, workspaceId))?.set;
      if (!set) return [];
      return tokenEntries(set, { theme: 'light', resolved: true }).map((entry) => ({
        path: entry.path,
        type: entry.type,
        value: entry.css,
      }));
    },
    { ttlMs: TOKEN_INDEX_TTL_MS },
  );
}

/**
 * Token paths matching `query`: the whole query in the path first (exact, prefix, anywhere), then
 * paths holding every word of it (`fg muted` finds `color.fg.muted`), then matching values (`#f9fafb`).
 */
export function matchTokenPaths(
  index: readonly TTokenIndexEntry[],
  query: string,
  limit: number,
): TTokenIndexEntry[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [];
  const words = wanted.split(/[\s./]+/).filter(Boolean);
  const rank = (entry: TTokenIndexEntry): number => {
    const path = entry.path.toLowerCase();
    if (path === wanted) return 0;
    if (path.startsWith(wanted)) return 1;
    if (path.includes(wanted)) return 2;
    if (words.length > 1 && words.every((word) => path.includes(word))) return 3;
    return entry.value.toLowerCase().includes(wanted) ? 4 : -1;
  };
  return index
    .map((entry, order) => ({ entry, order, rank: rank(entry) }))
    .filter((hit) => hit.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((hit) => hit.entry);
}

const shortDate = (date: Date) => date.toISOString().slice(0, 10);

/** Hits of every kind the principal may read, each kind best match first (at most `limit` each). */
export async function searchWorkspace(
  runtime: TPlatformRuntime,
  principal: TPrincipal,
  input: { query: string; limit: number },
): Promise<TSearchHit[]> {
  const query = input.query.trim();
  if (!query) return [];
  const { workspaceId } = principal;
  const urls = runtime.systemUrls;
  const repositories = createRepositories(runtime.db);
  const may = (permission: TPermission) => hasPermission(principal, permission);

  const [components, tokens, projects, deployments] = await Promise.all([
    may('components.read') ? repositories.components.search(workspaceId, query, input.limit) : [],
    may('tokens.read')
      ? tokenIndex(runtime, workspaceId).then((index) => matchTokenPaths(index, query, input.limit))
      : [],
    may('projects.read') ? repositories.projectWork.searchProjects(workspaceId, query, input.limit) : [],
    may('deployments.read')
      ? repositories.projectWork.searchDeployments(workspaceId, query, input.limit)
      : [],
  ]);
  return [
    ...components.map(
      (component): TSearchHit => ({
        kind: 'component',
        id: component.id,
        title: component.name,
        subtitle: component.description || component.category || `Version ${component.latestVersion}`,
        url: `${urls.spark}/components/${component.id}`,
      }),
    ),
    ...tokens.map(
      (token): TSearchHit => ({
        kind: 'token',
        id: token.path,
        title: token.path,
        subtitle: `${token.type} · ${token.value}`,
        url: `${urls.slate}/?q=${encodeURIComponent(token.path)}`,
      }),
    ),
    ...projects.map(
      (project): TSearchHit => ({
        kind: 'project',
        id: project.id,
        title: project.name,
        subtitle: project.description || project.slug,
        url: `${urls.ignition}/projects/${project.slug}`,
      }),
    ),
    ...deployments.map(
      (deployment): TSearchHit => ({
        kind: 'deployment',
        id: deployment.id,
        title: `${deployment.project.name} ${deployment.version}`,
        subtitle: `${deployment.environment} · ${deployment.status.replace('_', ' ')} · ${shortDate(deployment.createdAt)}`,
        url: `${urls.waypoint}/deployments/${deployment.id}`,
      }),
    ),
  ];
}

/**
 * `GET /api/search?q=&limit=`: `{ query, results }` for the signed-in user's workspace (400 for a
 * query over 200 characters). Answers are per user and change any moment: never stored by caches.
 */
export function searchRoute(getRuntime: () => TPlatformRuntime) {
  return apiRoute(getRuntime, { endpoint: 'search', permission: null }, async (request, { principal }) => {
    const { q, limit } = readQuery(request, ZSearchQuerySchema);
    const results = await searchWorkspace(getRuntime(), principal, { query: q, limit });
    const body: TSearchResponse = { query: q.trim(), results };
    return Response.json(body, {
      headers: { 'Cache-Control': 'private, no-store', Vary: 'Cookie, Authorization' },
    });
  });
}
