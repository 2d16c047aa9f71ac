import type { TDbClient } from '@lumenforge/db/server';
import { createRepositories } from '@lumenforge/db/server';
import {
  exportRuntimeThemeCss,
  generateThemeCss,
  loadDefaultTokenSet,
  type TTokenSet,
  validateTokenSet,
} from '@lumenforge/tokens';

/** The generated token stylesheets of a work directory (never stored in the tree). */
export const THEME_CSS_FILE = 'lumenforge-theme.css';
export const TOKENS_CSS_FILE = 'lumenforge-tokens.css';

export type TTokenCss = {
  /** The published version, null for the default set. */
  version: number | null;
  /** Tailwind v4 `@theme` stylesheet (build-time utilities such as `bg-accent-ignis`). */
  themeCss: string;
  /** The same cascade as plain CSS: the stylesheet IGNIS hot-updates on `wissil.tokens.updated`. */
  runtimeCss: string;
};

export function tokenCssFor(set: TTokenSet, version: number | null = null): TTokenCss {
  return { version, themeCss: generateThemeCss(set), runtimeCss: exportRuntimeThemeCss(set) };
}

/** The workspace's latest published token set as CSS (the default set before the first publish or when invalid). */
export async function workspaceTokenCss(db: TDbClient, workspaceId: string | null): Promise<TTokenCss> {
  if (workspaceId) {
    const latest = await createRepositories(db).tokenSets.findLatestVersionForWorkspace(workspaceId);
    const set = latest ? validateTokenSet(latest.content).set : null;
    if (latest && set) return tokenCssFor(set, latest.number);
  }
  return tokenCssFor(loadDefaultTokenSet());
}
