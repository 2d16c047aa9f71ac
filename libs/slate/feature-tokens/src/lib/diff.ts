// A token diff for people: grouped by kind, breaking changes first, values in one line.
import type { TChangeKind, TTokenChange, TTokenDiff } from './types';

export type TChangeGroup = {
  kind: TChangeKind;
  label: string;
  breaking: boolean;
  changes: TTokenChange[];
};

/** Kinds that break consumers: a name they use is gone, or its value has another type. */
export const BREAKING_KINDS: ReadonlySet<TChangeKind> = new Set<TChangeKind>([
  'removed',
  'renamed',
  'type-changed',
]);

/** Display order and labels: breaking first, then what is new, then the rest. */
export const CHANGE_KINDS: ReadonlyArray<{ kind: TChangeKind; label: string }> = [
  { kind: 'removed', label: 'Removed' },
  { kind: 'renamed', label: 'Renamed' },
  { kind: 'type-changed', label: 'Type changed' },
  { kind: 'added', label: 'Added' },
  { kind: 'value-changed', label: 'Value changed' },
  { kind: 'deprecated', label: 'Deprecated' },
  { kind: 'undeprecated', label: 'No longer deprecated' },
];

export function isBreakingChange(change: TTokenChange): boolean {
  return BREAKING_KINDS.has(change.kind);
}

/** The diff's changes by kind, in display order, empty kinds left out; paths sorted within a kind. */
export function groupDiff(diff: Pick<TTokenDiff, 'changes'>): TChangeGroup[] {
  return CHANGE_KINDS.map(({ kind, label }) => ({
    kind,
    label,
    breaking: BREAKING_KINDS.has(kind),
    changes: diff.changes
      .filter((change) => change.kind === kind)
      .sort((a, b) => a.path.localeCompare(b.path) || (a.theme ?? '').localeCompare(b.theme ?? '')),
  })).filter((group) => group.changes.length > 0);
}

/** Only the breaking changes, for the breaking-change report. */
export function breakingChanges(diff: Pick<TTokenDiff, 'changes'>): TTokenChange[] {
  return diff.changes.filter(isBreakingChange);
}

/** `color.bg (dark)`, or `color.bg` for base tokens. */
export function changeLabel(change: Pick<TTokenChange, 'path' | 'theme'>): string {
  return change.theme ? `${change.path} (${change.theme})` : change.path;
}

/** A token value in one short line: aliases as written, colours by hex, objects as compact JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) return value.join(', ');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['hex'] === 'string' && Array.isArray(record['components'])) {
      const alpha =
        typeof record['alpha'] === 'number' && record['alpha'] !== 1 ? ` / ${record['alpha']}` : '';
      return `${record['hex']}${alpha}`;
    }
    if (typeof record['value'] === 'number' && typeof record['unit'] === 'string')
      return `${record['value']}${record['unit']}`;
  }
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** Totals line of a diff summary: "2 added, 1 removed". */
export function summaryText(summary: Partial<Record<TChangeKind, number>>): string {
  const parts = CHANGE_KINDS.map(({ kind, label }) => {
    const count = summary[kind] ?? 0;
    return count > 0 ? `${count} ${label.toLowerCase()}` : null;
  }).filter((part): part is string => part !== null);
  return parts.length ? parts.join(', ') : 'No changes';
}
