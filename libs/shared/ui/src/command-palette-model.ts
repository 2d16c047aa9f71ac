// The command palette's logic without React or the DOM: what the server's answer means, which
// systems match, how results are grouped and ordered, where the keyboard moves the active option
// and which parts of a title to highlight. `command-palette.tsx` only wires these to the page.
import type { TSwitcherSystem } from './system-switcher';

/** What `GET /api/search` finds (served by every app on its own origin). */
export type TSearchKind = 'component' | 'token' | 'project' | 'deployment';
/** Every kind the palette lists: the server's plus the local "system" entries. */
export type TPaletteKind = 'system' | TSearchKind;

/** One result of `GET /api/search` (absolute `url` into the app that owns it). */
export type TSearchResult = {
  kind: TSearchKind;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
};

/** One option of the palette's listbox. `key` (`kind:id`) is unique within the list. */
export type TPaletteItem = {
  key: string;
  kind: TPaletteKind;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
};

export type TPaletteGroup = { kind: TPaletteKind; label: string; items: TPaletteItem[] };

/** Group headings in the order the palette shows them. */
export const PALETTE_GROUPS: readonly { kind: TPaletteKind; label: string }[] = [
  { kind: 'system', label: 'Systems' },
  { kind: 'component', label: 'Components' },
  { kind: 'token', label: 'Tokens' },
  { kind: 'project', label: 'Projects' },
  { kind: 'deployment', label: 'Deployments' },
];

/** The systems group's heading while nothing is typed: the systems are then navigation shortcuts. */
export const JUMP_TO_LABEL = 'Jump to';

const SEARCH_KINDS: ReadonlySet<string> = new Set<TSearchKind>([
  'component',
  'token',
  'project',
  'deployment',
]);

/** Wait this long after the last keystroke before asking the server. */
export const SEARCH_DEBOUNCE_MS = 150;
/** `limit` sent to the server: hits per kind (the server accepts 1–20). */
export const SEARCH_LIMIT = 8;
const MAX_SEARCH_LIMIT = 20;
/** The server refuses longer queries (400); the palette shows its message. */
export const MAX_QUERY_LENGTH = 200;

export const SEARCH_UNAVAILABLE = 'Search is unavailable right now';

// ---------------------------------------------------------------------------------------------
// Query

/** The query as sent and matched: surrounding whitespace dropped, inner runs collapsed. */
export function normalizeQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ');
}

/** The query's words, lower-cased, without duplicates (empty for an empty query). */
export function queryTerms(query: string): string[] {
  const normalized = normalizeQuery(query).toLowerCase();
  return normalized ? [...new Set(normalized.split(' '))] : [];
}

/** `path?q=…&limit=…` (keeps a query string `path` may already have; `limit` kept within 1–20). */
export function buildSearchUrl(path: string, query: string, limit: number = SEARCH_LIMIT): string {
  const safeLimit = Number.isFinite(limit)
    ? Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.trunc(limit)))
    : SEARCH_LIMIT;
  const params = new URLSearchParams({ q: normalizeQuery(query), limit: String(safeLimit) });
  return `${path}${path.includes('?') ? '&' : '?'}${params.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Systems (local results)

/**
 * The systems whose name or tagline contains every word of the query (case-insensitive); all of
 * them for an empty query. Systems whose name matches come first, otherwise the given order holds.
 */
export function filterSystems(systems: readonly TSwitcherSystem[], query: string): TSwitcherSystem[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...systems];
  const matches = systems.filter((system) => {
    const haystack = `${system.name}\n${system.tagline}`.toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
  const nameMatches = (system: TSwitcherSystem) =>
    terms.every((term) => system.name.toLowerCase().includes(term));
  return [...matches.filter(nameMatches), ...matches.filter((system) => !nameMatches(system))];
}

export function systemToItem(system: TSwitcherSystem): TPaletteItem {
  return {
    key: `system:${system.id}`,
    kind: 'system',
    id: system.id,
    title: system.name,
    subtitle: system.tagline || null,
    url: system.url,
  };
}

// ---------------------------------------------------------------------------------------------
// Server response

export type TSearchOutcome =
  | { ok: true; query: string | null; results: TSearchResult[] }
  | { ok: false; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A result URL the palette may put in an `href`: absolute http(s) or a same-origin path. Anything
 * else (`javascript:`, `data:`, protocol-relative `//host`) is dropped rather than rendered.
 */
export function isSafeResultUrl(url: string): boolean {
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** One entry of `results`, or null when it is not a usable result (unknown kind, missing field). */
export function parseSearchResult(value: unknown): TSearchResult | null {
  if (!isRecord(value)) return null;
  const { kind, id, title, subtitle, url } = value;
  if (typeof kind !== 'string' || !SEARCH_KINDS.has(kind)) return null;
  const idText = typeof id === 'number' && Number.isFinite(id) ? String(id) : id;
  if (typeof idText !== 'string' || idText === '') return null;
  if (typeof title !== 'string' || title.trim() === '') return null;
  if (typeof url !== 'string' || !isSafeResultUrl(url)) return null;
  return {
    kind: kind as TSearchKind,
    id: idText,
    title,
    subtitle: typeof subtitle === 'string' && subtitle.trim() !== '' ? subtitle : null,
    url,
  };
}

/** The API's words for a refusal: `message` of `{ error: code, message }`, else a bare `error`. */
function errorMessage(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const text = typeof body['message'] === 'string' ? body['message'] : body['error'];
  if (typeof text !== 'string') return null;
  const message = text.trim();
  if (!message) return null;
  return message.length > 300 ? `${message.slice(0, 299)}…` : message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `GET /api/search`'s answer as the palette uses it. A 200 must be a JSON object with a `results`
 * array; results that are not usable are skipped one by one (a newer server may add kinds), and
 * repeated `kind:id` pairs are kept once. 4xx show the server's `message` (400: the query is bad;
 * 401/403: the session or role); 5xx and anything unreadable become "Search is unavailable right
 * now", never raw server text.
 */
export function parseSearchResponse(status: number, bodyText: string): TSearchOutcome {
  const body = parseJson(bodyText);
  if (status >= 200 && status < 300) {
    if (!isRecord(body) || !Array.isArray(body['results'])) return { ok: false, message: SEARCH_UNAVAILABLE };
    const seen = new Set<string>();
    const results: TSearchResult[] = [];
    for (const entry of body['results']) {
      const result = parseSearchResult(entry);
      if (!result) continue;
      const key = `${result.kind}:${result.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      results.push(result);
    }
    return { ok: true, query: typeof body['query'] === 'string' ? body['query'] : null, results };
  }
  if (status === 401) return { ok: false, message: errorMessage(body) ?? 'Sign in again to search' };
  if (status === 403) return { ok: false, message: errorMessage(body) ?? 'You are not allowed to search' };
  if (status >= 400 && status < 500) return { ok: false, message: errorMessage(body) ?? SEARCH_UNAVAILABLE };
  return { ok: false, message: SEARCH_UNAVAILABLE };
}

// ---------------------------------------------------------------------------------------------
// Grouping

/**
 * The listbox's groups in the fixed order (Systems, Components, Tokens, Projects, Deployments),
 * empty groups left out. The server's order (relevance) is kept within each kind.
 */
export function groupItems(
  systems: readonly TSwitcherSystem[],
  results: readonly TSearchResult[],
  query: string,
): TPaletteGroup[] {
  const isEmptyQuery = normalizeQuery(query) === '';
  const byKind = new Map<TPaletteKind, TPaletteItem[]>(PALETTE_GROUPS.map((group) => [group.kind, []]));
  byKind.get('system')?.push(...filterSystems(systems, query).map(systemToItem));
  const seen = new Set<string>();
  for (const result of results) {
    const key = `${result.kind}:${result.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byKind.get(result.kind)?.push({ key, ...result });
  }
  return PALETTE_GROUPS.flatMap(({ kind, label }) => {
    const items = byKind.get(kind) ?? [];
    if (items.length === 0) return [];
    return [{ kind, label: kind === 'system' && isEmptyQuery ? JUMP_TO_LABEL : label, items }];
  });
}

// ---------------------------------------------------------------------------------------------
// State

export type TSearchStatus = 'idle' | 'loading' | 'ready' | 'error';

export type TPaletteState = {
  systems: readonly TSwitcherSystem[];
  /** What is in the input, as typed. */
  query: string;
  /** idle: nothing typed; loading: waiting for the answer to `query`; ready / error: answered. */
  status: TSearchStatus;
  /** The last server answer; kept while the next one loads so the list does not flicker. */
  results: readonly TSearchResult[];
  error: string | null;
  /** The active option; null means the first one (the default after typing). */
  activeKey: string | null;
};

export type TNavigationKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

export type TPaletteAction =
  | { type: 'query'; query: string }
  | { type: 'results'; query: string; results: readonly TSearchResult[] }
  | { type: 'failed'; query: string; message: string }
  | { type: 'move'; key: TNavigationKey }
  | { type: 'hover'; key: string }
  | { type: 'systems'; systems: readonly TSwitcherSystem[] };

export function initPaletteState(systems: readonly TSwitcherSystem[]): TPaletteState {
  return { systems, query: '', status: 'idle', results: [], error: null, activeKey: null };
}

export type TPaletteView = {
  groups: TPaletteGroup[];
  /** The options in listbox order (what the keyboard walks through). */
  items: TPaletteItem[];
  /** Index into `items`, -1 when there is nothing to select. */
  activeIndex: number;
  activeItem: TPaletteItem | null;
  /** Nothing but the empty query: the palette shows the systems and a hint to type. */
  isEmptyQuery: boolean;
  /** The server answered and nothing at all matches: "No results for “…”". */
  isNoResults: boolean;
  /** Waiting for the server with nothing to show yet. */
  isSearchingWithNothingShown: boolean;
};

/** What the palette renders for a state. */
export function selectPaletteView(state: TPaletteState): TPaletteView {
  const results = state.status === 'error' || state.status === 'idle' ? [] : state.results;
  const groups = groupItems(state.systems, results, state.query);
  const items = groups.flatMap((group) => group.items);
  const found = state.activeKey === null ? -1 : items.findIndex((item) => item.key === state.activeKey);
  const activeIndex = found >= 0 ? found : items.length > 0 ? 0 : -1;
  return {
    groups,
    items,
    activeIndex,
    activeItem: items[activeIndex] ?? null,
    isEmptyQuery: state.status === 'idle',
    isNoResults: state.status === 'ready' && items.length === 0,
    isSearchingWithNothingShown: state.status === 'loading' && items.length === 0,
  };
}

/** The index a navigation key moves to in a list of `count` (wrapping; -1 when empty). */
export function moveIndex(current: number, count: number, key: TNavigationKey): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
  }
}

/** The palette's state transitions (used with React's `useReducer`). */
export function paletteReducer(state: TPaletteState, action: TPaletteAction): TPaletteState {
  switch (action.type) {
    case 'query': {
      if (action.query === state.query) return state;
      // Whitespace only (a trailing space before the next word): same search, nothing to reload.
      if (normalizeQuery(action.query) === normalizeQuery(state.query))
        return { ...state, query: action.query };
      const isEmpty = normalizeQuery(action.query) === '';
      // Typing selects the best match again; old server results stay until the new ones arrive.
      return {
        ...state,
        query: action.query,
        status: isEmpty ? 'idle' : 'loading',
        results: isEmpty ? [] : state.results,
        error: null,
        activeKey: null,
      };
    }
    case 'results':
    case 'failed': {
      // An answer to an earlier query (the request raced the abort) is ignored.
      if (state.status === 'idle' || normalizeQuery(action.query) !== normalizeQuery(state.query))
        return state;
      if (action.type === 'failed') return { ...state, status: 'error', results: [], error: action.message };
      const next = { ...state, status: 'ready' as const, results: action.results, error: null };
      // Keep the active option if it is still listed, else fall back to the first.
      const isStillListed = selectPaletteView(next).items.some((item) => item.key === state.activeKey);
      return isStillListed ? next : { ...next, activeKey: null };
    }
    case 'move': {
      const view = selectPaletteView(state);
      const index = moveIndex(view.activeIndex, view.items.length, action.key);
      const key = view.items[index]?.key ?? null;
      return key === state.activeKey ? state : { ...state, activeKey: key };
    }
    case 'hover':
      return action.key === state.activeKey ? state : { ...state, activeKey: action.key };
    case 'systems':
      return action.systems === state.systems ? state : { ...state, systems: action.systems };
  }
}

// ---------------------------------------------------------------------------------------------
// Highlighting

export type THighlightSegment = { text: string; isMatch: boolean };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` cut into runs that match a word of the query (case-insensitive) and runs that do not,
 * for `<mark>`. Overlapping and adjacent matches merge into one run; joined, the runs are `text`.
 */
export function highlightSegments(text: string, query: string): THighlightSegment[] {
  const terms = queryTerms(query).sort((a, b) => b.length - a.length);
  if (terms.length === 0 || text === '') return text === '' ? [] : [{ text, isMatch: false }];
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const pattern = new RegExp(escapeRegExp(term), 'giu');
    for (const match of text.matchAll(pattern)) {
      if (match[0] === '') continue;
      ranges.push([match.index, match.index + match[0].length]);
    }
  }
  if (ranges.length === 0) return [{ text, isMatch: false }];
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const segments: THighlightSegment[] = [];
  let position = 0;
  for (const [start, end] of merged) {
    if (start > position) segments.push({ text: text.slice(position, start), isMatch: false });
    segments.push({ text: text.slice(start, end), isMatch: true });
    position = end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), isMatch: false });
  return segments;
}

// ---------------------------------------------------------------------------------------------
// Keyboard shortcut

type TKeyLike = {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
};

/**
 * Ctrl-K or ⌘-K (either modifier on every platform; no Alt or Shift). Layouts whose K key types
 * another letter (Cyrillic, Greek, …) are matched by the physical key.
 */
export function isPaletteShortcut(event: TKeyLike): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
  const key = event.key.toLowerCase();
  if (key === 'k') return true;
  return event.code === 'KeyK' && !/^[a-z]$/.test(key);
}

/** Ctrl/⌘-Enter: open the active result in a new tab. */
export function isNewTabModifier(event: Pick<TKeyLike, 'ctrlKey' | 'metaKey'>): boolean {
  return event.ctrlKey || event.metaKey;
}

/** Apple's platforms name the modifier ⌘; the rest Ctrl. */
export function isApplePlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** The hint next to the search button: "⌘K" on Apple platforms, "Ctrl K" elsewhere. */
export function shortcutHint(platform: string): string {
  return isApplePlatform(platform) ? '⌘K' : 'Ctrl K';
}
