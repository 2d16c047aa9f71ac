/**
 * Every app's theme comes from SLATE's latest published token version: the page links
 * `/api/theme.css?v=<version>` after the build-time theme, and a `wissil.tokens.updated` event
 * (the `tokens` topic of `/api/events`, see live-events-route.ts) makes open pages load the new
 * version without a reload.
 */
import { cacheKeys, getOrSet } from '@lumenforge/cache';
import { createRepositories } from '@lumenforge/db/server';
import type { TTokenVersionRow } from '@lumenforge/db';
import {
  exportRuntimeThemeCss,
  loadDefaultTokenSet,
  type TTokenSet,
  validateTokenSet,
} from '@lumenforge/tokens';
import { apiRoute } from './api-route';
import { conditionalResponse, etagOf } from './conditional-response';
import type { TPlatformRuntime } from './runtime';

export const THEME_STYLESHEET_PATH = '/api/theme.css';

export type TPublishedTheme = {
  /** The published version number, or null while the workspace has none (the default set is used). */
  version: number | null;
  semver: string | null;
  /** The runtime theme CSS (plain CSS in Tailwind's `theme` and `base` layers). */
  css: string;
  etag: string;
};

const THEME_TTL_MS = 10 * 60_000;
const themeKey = (workspaceId: string) => `${cacheKeys.tokens(workspaceId)}theme`;

/**
 * The workspace's latest published token version and its set, or null before the first publish.
 * `set` is null when the stored content does not validate: SLATE validates before publishing, so
 * that is a bug or a hand-edited row, logged here; callers fall back (default theme, no search hits).
 */
export async function readPublishedTokenSet(
  runtime: Pick<TPlatformRuntime, 'db' | 'logger'>,
  workspaceId: string,
): Promise<{ version: TTokenVersionRow; set: TTokenSet | null } | null> {
  const version = await createRepositories(runtime.db).tokenSets.findLatestVersionForWorkspace(workspaceId);
  if (!version) return null;
  const { set, issues } = validateTokenSet(version.content);
  if (!set)
    runtime.logger.error(
      { workspaceId, version: version.number, issue: issues[0] },
      'published token version does not validate; the default theme styles the pages',
    );
  return { version, set };
}

async function loadTheme(runtime: TPlatformRuntime, workspaceId: string): Promise<TPublishedTheme> {
  const published = await readPublishedTokenSet(runtime, workspaceId);
  const valid = published?.set ? { version: published.version, set: published.set } : null;
  const css = exportRuntimeThemeCss(valid?.set ?? loadDefaultTokenSet());
  return {
    version: valid?.version.number ?? null,
    semver: valid?.version.semver ?? null,
    css,
    etag: etagOf(css),
  };
}

/**
 * The workspace's published theme, from the cache (cleared in every app by `wissil.tokens.updated`).
 * `atLeast` is the version a browser was told about: a cached older one is re-read from the
 * database, since the browser may hear of the event before this app's cache consumer does.
 */
export async function publishedTheme(
  runtime: TPlatformRuntime,
  workspaceId: string,
  options: { atLeast?: number } = {},
): Promise<TPublishedTheme> {
  const key = themeKey(workspaceId);
  const cached = await getOrSet(runtime.cache, key, () => loadTheme(runtime, workspaceId), {
    ttlMs: THEME_TTL_MS,
  });
  if (options.atLeast === undefined || (cached.version ?? 0) >= options.atLeast) return cached;
  const fresh = await loadTheme(runtime, workspaceId);
  await runtime.cache.set(key, fresh, { ttlMs: THEME_TTL_MS });
  return fresh;
}

/**
 * `GET /api/theme.css[?v=<version>]`: the signed-in user's workspace theme. With `v` the answer is
 * immutable for that version (a new version gets a new URL); without it, revalidated by ETag.
 */
export function themeStylesheetRoute(getRuntime: () => TPlatformRuntime) {
  return apiRoute(getRuntime, { endpoint: 'theme.css', permission: null }, async (request, { principal }) => {
    const requested = Number(new URL(request.url).searchParams.get('v'));
    const atLeast = Number.isSafeInteger(requested) && requested > 0 ? requested : undefined;
    const theme = await publishedTheme(getRuntime(), principal.workspaceId, { atLeast });
    const versioned = atLeast !== undefined && theme.version === atLeast;
    return conditionalResponse(request, theme.css, {
      contentType: 'text/css; charset=utf-8',
      cacheControl: versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      etag: theme.etag,
      headers: theme.version ? { 'X-Token-Version': String(theme.version) } : {},
    });
  });
}
