/**
 * `text` for Prisma's `contains`/`startsWith` filters, with LIKE's wildcards taken literally:
 * Prisma (with the pg driver adapter) passes `%` and `_` through, so a search for `_` would
 * match everything.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** How well a name matches a query, for ordering search hits: exact, then prefix, then anywhere. */
export function matchRank(name: string, query: string): number {
  const candidate = name.toLowerCase();
  const wanted = query.toLowerCase();
  if (candidate === wanted) return 0;
  if (candidate.startsWith(wanted)) return 1;
  return candidate.includes(wanted) ? 2 : 3;
}

/** Search hits ordered by {@link matchRank} of their name, then as they came (newest first). */
export function byMatchRank<T>(rows: readonly T[], name: (row: T) => string, query: string): T[] {
  return rows
    .map((row, index) => ({ row, index, rank: matchRank(name(row), query) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ row }) => row);
}
