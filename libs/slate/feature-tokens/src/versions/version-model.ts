// Choosing versions to compare in the history table, and what its rows say (pure).
import type { TTokenVersionSummary } from '../lib/types';

/** Who published a version; `null` is the platform itself (the default token set as 1.0.0). */
export function authorName(author: TTokenVersionSummary['author']): string {
  return author?.name ?? 'LumenForge (default set)';
}

/** Toggles `number` in a selection of at most two versions (a third replaces the oldest pick). */
export function toggleSelection(selection: readonly number[], number: number): number[] {
  if (selection.includes(number)) return selection.filter((item) => item !== number);
  return [...selection, number].slice(-2);
}

/** The pair to diff, older first; `null` until two are selected. */
export function comparePair(selection: readonly number[]): { from: number; to: number } | null {
  if (selection.length !== 2) return null;
  const [a, b] = selection as [number, number];
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/** The version before `number` among `numbers`, or `null` for the first. */
export function predecessorOf(numbers: readonly number[], number: number): number | null {
  const earlier = numbers.filter((item) => item < number);
  return earlier.length ? Math.max(...earlier) : null;
}

export function diffUrl(from: number, to: number | 'draft'): string {
  return `/api/tokens/diff?${new URLSearchParams({ from: String(from), to: String(to) }).toString()}`;
}
