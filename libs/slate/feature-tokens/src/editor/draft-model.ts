// The editor's view of a draft token set: rows per layer (base, light, dark), groups, new tokens'
// default values, the operations an edit becomes, and which validation issues an edit introduced.
import { isAlias, parseAliasPath, walkTokens } from '@lumenforge/tokens';
import type { TDraftOperation, TIssue, TTokenSet } from '../lib/types';

export type TLayer = 'base' | 'light' | 'dark';
export const LAYERS: readonly TLayer[] = ['base', 'light', 'dark'];
export const LAYER_LABELS: Record<TLayer, string> = {
  base: 'Base',
  light: 'Light theme',
  dark: 'Dark theme',
};

export type TRawToken = {
  $value: unknown;
  $type?: string;
  $description?: string;
  $deprecated?: boolean | string;
  $extensions?: Record<string, unknown>;
};

export type TDraftRow = {
  /** `base:color.neutral.50`, `dark:color.bg`. */
  id: string;
  path: string;
  layer: TLayer;
  /** Declared or inherited type; for an untyped alias, the type of its target. */
  type: string;
  token: TRawToken;
  /** Dotted path of the aliased token, when the value is an alias. */
  aliasOf: string | null;
};

export function rowId(layer: TLayer, path: string): string {
  return `${layer}:${path}`;
}

/** A testid-safe name of a row: `color.bg` for base, `color.bg@dark` for themes. */
export function rowKey(row: Pick<TDraftRow, 'layer' | 'path'>): string {
  return row.layer === 'base' ? row.path : `${row.path}@${row.layer}`;
}

/** Every token of the three layers, in document order, base first. */
export function draftRows(set: TTokenSet): TDraftRow[] {
  const trees: Array<[TLayer, TTokenSet['base']]> = [
    ['base', set.base],
    ['light', set.themes.light],
    ['dark', set.themes.dark],
  ];
  const rows: TDraftRow[] = [];
  for (const [layer, tree] of trees) {
    for (const visit of walkTokens(tree)) {
      const path = visit.path.join('.');
      const aliasPath = parseAliasPath(visit.token.$value);
      rows.push({
        id: rowId(layer, path),
        path,
        layer,
        type: visit.type ?? '',
        token: visit.token as TRawToken,
        aliasOf: aliasPath ? aliasPath.join('.') : null,
      });
    }
  }
  // Untyped aliases take their target's type (theme rows look in their theme, then the base).
  const typeOf = new Map<string, string>();
  for (const row of rows) if (row.type) typeOf.set(rowId(row.layer, row.path), row.type);
  for (const row of rows) {
    if (row.type || !row.aliasOf) continue;
    row.type = typeOf.get(rowId(row.layer, row.aliasOf)) ?? typeOf.get(rowId('base', row.aliasOf)) ?? '';
  }
  return rows;
}

export type TRowGroup = { id: string; layer: TLayer; prefix: string; rows: TDraftRow[] };

/** Rows by layer and parent path (`color.neutral` in base, `color` in dark), in first-seen order. */
export function groupRows(rows: readonly TDraftRow[]): TRowGroup[] {
  const groups = new Map<string, TRowGroup>();
  for (const row of rows) {
    const prefix = row.path.split('.').slice(0, -1).join('.') || '(top level)';
    const id = `${row.layer}:${prefix}`;
    const group = groups.get(id) ?? { id, layer: row.layer, prefix, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** Rows whose path, value, alias or description contain every word of the query. */
export function searchRows(rows: readonly TDraftRow[], query: string): TDraftRow[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return [...rows];
  return rows.filter((row) => {
    const text = [
      row.path,
      row.type,
      row.layer,
      JSON.stringify(row.token.$value),
      row.token.$description ?? '',
    ]
      .join(' ')
      .toLowerCase();
    return terms.every((term) => text.includes(term));
  });
}

/** Tokens an alias of `type` may point at: same type, not `exclude`, one per path, sorted. */
export function aliasCandidates(rows: readonly TDraftRow[], type: string, exclude: string): string[] {
  return [
    ...new Set(rows.filter((row) => row.type === type && row.path !== exclude).map((row) => row.path)),
  ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** A sensible first value for a new token of `type`. */
export function defaultValue(type: string): unknown {
  switch (type) {
    case 'color':
      return { colorSpace: 'oklch', components: [0.5, 0, 0], hex: '#636363' };
    case 'dimension':
      return { value: 0, unit: 'px' };
    case 'duration':
      return { value: 150, unit: 'ms' };
    case 'cubicBezier':
      return [0.2, 0, 0, 1];
    case 'fontFamily':
      return ['ui-sans-serif', 'system-ui', 'sans-serif'];
    case 'fontWeight':
      return 400;
    case 'number':
      return 1;
    case 'strokeStyle':
      return 'solid';
    case 'shadow':
      return {
        color: { colorSpace: 'oklch', components: [0, 0, 0], alpha: 0.1, hex: '#000000' },
        offsetX: { value: 0, unit: 'px' },
        offsetY: { value: 1, unit: 'px' },
        blur: { value: 2, unit: 'px' },
        spread: { value: 0, unit: 'px' },
      };
    case 'border':
      return {
        color: { colorSpace: 'oklch', components: [0.5, 0, 0], hex: '#636363' },
        width: { value: 1, unit: 'px' },
        style: 'solid',
      };
    case 'transition':
      return {
        duration: { value: 150, unit: 'ms' },
        delay: { value: 0, unit: 'ms' },
        timingFunction: [0.2, 0, 0, 1],
      };
    case 'gradient':
      return [
        { color: { colorSpace: 'oklch', components: [1, 0, 0], hex: '#ffffff' }, position: 0 },
        { color: { colorSpace: 'oklch', components: [0, 0, 0], hex: '#000000' }, position: 1 },
      ];
    case 'typography':
      return {
        fontFamily: ['ui-sans-serif', 'system-ui', 'sans-serif'],
        fontSize: { value: 1, unit: 'rem' },
        fontWeight: 400,
        letterSpacing: { value: 0, unit: 'px' },
        lineHeight: 1.5,
      };
    default:
      return '';
  }
}

/** What the inspector's fields say about a token. */
export type TTokenForm = {
  layer: TLayer;
  type: string;
  mode: 'value' | 'alias';
  value: unknown;
  /** Dotted path of the aliased token (alias mode). */
  alias: string;
  description: string;
  deprecated: boolean;
  deprecatedReason: string;
};

export function formFromRow(row: TDraftRow): TTokenForm {
  const deprecated = row.token.$deprecated;
  return {
    layer: row.layer,
    type: row.type,
    mode: row.aliasOf ? 'alias' : 'value',
    value: row.aliasOf ? defaultValue(row.type) : row.token.$value,
    alias: row.aliasOf ?? '',
    description: row.token.$description ?? '',
    deprecated: Boolean(deprecated),
    deprecatedReason: typeof deprecated === 'string' ? deprecated : '',
  };
}

/** The DTCG token the form describes (keeping the original's `$type` choice and `$extensions`). */
export function tokenFromForm(form: TTokenForm, original: TRawToken | null): TRawToken {
  const token: TRawToken = { $value: form.mode === 'alias' ? `{${form.alias}}` : form.value };
  // New tokens say their type; existing ones keep inheriting it from their group when they did.
  if ((!original || original.$type !== undefined) && form.type) token.$type = form.type;
  if (form.description.trim()) token.$description = form.description.trim();
  if (form.deprecated) token.$deprecated = form.deprecatedReason.trim() || true;
  if (original?.$extensions) token.$extensions = original.$extensions;
  return token;
}

/** `{ op: 'set' }` for the form's token at `path` in the form's layer. */
export function setOperation(path: string, form: TTokenForm, original: TRawToken | null): TDraftOperation {
  return {
    op: 'set',
    path,
    theme: form.layer === 'base' ? null : form.layer,
    token: tokenFromForm(form, original),
  } as TDraftOperation;
}

/** Whether the form changes the token (a different layer always does). */
export function isFormDirty(form: TTokenForm, row: TDraftRow): boolean {
  if (form.layer !== row.layer) return true;
  return stableJson(tokenFromForm(form, row.token)) !== stableJson(row.token);
}

/** Why an alias is not usable (`null` when it is). */
export function aliasProblem(alias: string, candidates: readonly string[]): string | null {
  if (!alias.trim()) return 'Pick the token to alias.';
  if (!isAlias(`{${alias}}`)) return 'A token path has dot-separated names, e.g. color.neutral.50.';
  if (!candidates.includes(alias)) return `No token ${alias} of the same type exists.`;
  return null;
}

/** Why a path cannot name a token (`null` when it can). */
export function pathProblem(path: string, existing: readonly string[] = []): string | null {
  const trimmed = path.trim();
  if (!trimmed) return 'Enter a token path, e.g. color.brand.500.';
  const segments = trimmed.split('.');
  if (segments.some((segment) => !segment)) return 'A path has names separated by single dots.';
  if (segments.some((segment) => /[{}]/.test(segment) || (segment.startsWith('$') && segment !== '$root')))
    return 'Names may not contain { or } or start with $.';
  if (existing.includes(trimmed)) return `${trimmed} already exists.`;
  return null;
}

function issueKey(issue: TIssue): string {
  return `${issue.path}|${issue.theme ?? ''}|${issue.rule}|${issue.message}`;
}

/** Issues in `after` that were not in `before`: what an edit introduced. */
export function introducedIssues(before: readonly TIssue[], after: readonly TIssue[]): TIssue[] {
  const known = new Set(before.map(issueKey));
  return after.filter((issue) => !known.has(issueKey(issue)));
}

/** Whether an issue stops a save: everything but contrast (a draft may hold contrast problems). */
export function blocksSave(issue: TIssue): boolean {
  return isBlocking(issue) && issue.rule !== 'contrast';
}

/** Whether an issue stops publishing: every error. */
export function isBlocking(issue: TIssue): boolean {
  return (issue.severity as string) !== 'warning';
}

/** Issues about `path` (the token itself, or a sub-value such as `shadow.md.0.color`). */
export function issuesForPath(issues: readonly TIssue[], path: string): TIssue[] {
  return issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`));
}

/**
 * An issue as the editor lists it. Every error answer's issues have a path and a message (a 400 from
 * `readJsonBody` has nothing more); SLATE's 422 token issues also name their theme.
 */
export type TShownIssue = Pick<TIssue, 'path' | 'message'> & { theme?: TIssue['theme'] | undefined };

/** Whether an answer's issue is a token issue (SLATE's 422 `invalid_tokens` sends those). */
export function isTokenIssue(issue: { path: string; message: string }): issue is TIssue {
  const { rule, severity } = issue as Partial<TIssue>;
  return typeof rule === 'string' && typeof severity === 'string';
}

/** `color.bg (dark)`: where an issue is. */
export function issueLocation(issue: TShownIssue): string {
  return `${issue.path || '(token set)'}${issue.theme ? ` (${issue.theme})` : ''}`;
}

/** JSON with sorted keys, for comparing tokens. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}
