// Finding tokens: the explorer's and editor's search box and filters, as pure functions.
import { describeValue } from './diff';
import type { TTokenEntry } from './types';

export const CATEGORIES = ['colors', 'typography', 'spacing', 'radii', 'shadows', 'animation'] as const;
export type TCategory = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<TCategory, string> = {
  colors: 'Colours',
  typography: 'Typography',
  spacing: 'Spacing',
  radii: 'Radii',
  shadows: 'Shadows',
  animation: 'Animation',
};

/** The explorer section a token belongs to, by its path first and its type second; `null` for none. */
export function categoryOf(entry: Pick<TTokenEntry, 'path' | 'type'>): TCategory | null {
  const head = entry.path.split('.')[0];
  if (head === 'spacing') return 'spacing';
  if (head === 'radius' || head === 'radii') return 'radii';
  if (head === 'font' || head === 'typography' || head === 'text') return 'typography';
  switch (entry.type as string) {
    case 'color':
    case 'gradient':
      return 'colors';
    case 'fontFamily':
    case 'fontWeight':
    case 'typography':
      return 'typography';
    case 'shadow':
      return 'shadows';
    case 'duration':
    case 'cubicBezier':
    case 'transition':
      return 'animation';
    default:
      return null;
  }
}

/** Lower-cased words of the query; a token matches when every word is in its path, value or description. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The text a token is searched by: path, CSS variable, Tailwind class, value (CSS and raw), alias, description. */
export function searchText(entry: TTokenEntry): string {
  return [
    entry.path,
    entry.cssVariable,
    entry.tailwindClass,
    entry.css,
    describeValue(entry.value),
    entry.aliasOf,
    entry.description,
  ]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(' ')
    .toLowerCase();
}

export type TEntryFilter = { query: string; category: TCategory | 'all'; type: string | 'all' };

export const EMPTY_FILTER: TEntryFilter = { query: '', category: 'all', type: 'all' };

export function matchesFilter(entry: TTokenEntry, filter: TEntryFilter): boolean {
  if (filter.category !== 'all' && categoryOf(entry) !== filter.category) return false;
  if (filter.type !== 'all' && entry.type !== filter.type) return false;
  const terms = queryTerms(filter.query);
  if (terms.length === 0) return true;
  const text = searchText(entry);
  return terms.every((term) => text.includes(term));
}

export function filterEntries(entries: readonly TTokenEntry[], filter: TEntryFilter): TTokenEntry[] {
  return entries.filter((entry) => matchesFilter(entry, filter));
}

/** The token types present, sorted, for the type filter. */
export function typesOf(entries: readonly Pick<TTokenEntry, 'type'>[]): string[] {
  return [...new Set(entries.map((entry) => String(entry.type)))].sort();
}
