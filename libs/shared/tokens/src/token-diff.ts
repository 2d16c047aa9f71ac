/**
 * What changed between two versions of a token set, and how much the version must move (semver):
 * removing, renaming or retyping a token breaks consumers (major), adding or (un)deprecating one is a
 * feature (minor), a new value is a fix (patch).
 */
import { createAliasResolver, type TAliasResolver } from './alias.resolver';
import type { TVersionBump } from './semver';
import { TokenSetError, type TTokenIssue } from './token-set.schema';
import {
  THEME_NAMES,
  type TThemeName,
  type TTokenGroup,
  type TTokenSet,
  type TTokenType,
} from './token.types';
import { getNode, isToken, mergeTokenTrees, pathToName, walkTokens } from './token-tree.utils';

export type { TVersionBump } from './semver';

export const TOKEN_CHANGE_KINDS = [
  'added',
  'removed',
  'renamed',
  'value-changed',
  'type-changed',
  'deprecated',
  'undeprecated',
] as const;
export type TTokenChangeKind = (typeof TOKEN_CHANGE_KINDS)[number];

/** A diff summary with every kind at 0 (what `diffTokenSets` counts from). */
export function emptyChangeSummary(): Record<TTokenChangeKind, number> {
  return Object.fromEntries(TOKEN_CHANGE_KINDS.map((kind) => [kind, 0])) as Record<TTokenChangeKind, number>;
}

/** One side of a change: the token's effective type, its `$value` as written, its `$deprecated`. */
export type TTokenState = { type: TTokenType; value: unknown; deprecated?: boolean | string };

export type TTokenChange = {
  kind: TTokenChangeKind;
  /** Dotted token path (the new path of a rename). */
  path: string;
  /** The theme file the token is in; `null` for the base file. */
  theme: TThemeName | null;
  /** The old path, for renames. */
  previousPath?: string;
  before?: TTokenState;
  after?: TTokenState;
};

export type TTokenDiff = {
  /** By source (base, light, dark), then path, then kind. */
  changes: TTokenChange[];
  summary: Record<TTokenChangeKind, number>;
  bump: TVersionBump;
  /** `bump === 'major'`. */
  isBreaking: boolean;
};

const BUMP_BY_KIND: Readonly<Record<TTokenChangeKind, TVersionBump>> = {
  added: 'minor',
  removed: 'major',
  renamed: 'major',
  'type-changed': 'major',
  'value-changed': 'patch',
  deprecated: 'minor',
  undeprecated: 'minor',
};
const BUMP_ORDER: readonly TVersionBump[] = ['none', 'patch', 'minor', 'major'];

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

type TFlat = TTokenState & { path: string; key: string };

const isDeprecated = (deprecated: boolean | string | undefined) =>
  deprecated !== undefined && deprecated !== false;

/** The tokens written in `source`, typed through `context` (the tree `source` is resolved in). */
function flatten(source: TTokenGroup, context: TTokenGroup, theme: TThemeName | null): Map<string, TFlat> {
  const flat = new Map<string, TFlat>();
  let resolver: TAliasResolver | undefined;
  const untyped: TTokenIssue[] = [];
  for (const { path, token, type: ownType, deprecated } of walkTokens(source)) {
    let type = ownType;
    if (!type && context !== source) {
      const found = getNode(context, path);
      if (found && isToken(found.node)) type = found.node.$type ?? found.inheritedType;
    }
    if (!type) {
      resolver ??= createAliasResolver(context);
      const resolved = resolver.tryResolve(path);
      if (!(resolved instanceof Error)) type = resolved.type;
    }
    const name = pathToName(path);
    if (!type) {
      untyped.push({
        path: name,
        message: 'Cannot tell the type of this token (no $type, and its alias does not resolve)',
        rule: 'type',
        severity: 'error',
        ...(theme ? { theme } : {}),
      });
      continue;
    }
    const state: TFlat = {
      path: name,
      type,
      value: token.$value,
      key: `${type}\u0000${stableStringify(token.$value)}`,
    };
    if (deprecated !== undefined) state.deprecated = deprecated;
    flat.set(name, state);
  }
  if (untyped.length > 0) throw new TokenSetError(theme ? `theme "${theme}"` : 'base', untyped);
  return flat;
}

const stateOf = ({ type, value, deprecated }: TFlat): TTokenState =>
  deprecated === undefined ? { type, value } : { type, value, deprecated };

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function diffSource(
  previous: Map<string, TFlat>,
  next: Map<string, TFlat>,
  theme: TThemeName | null,
): TTokenChange[] {
  const changes: TTokenChange[] = [];
  const removed: TFlat[] = [];
  const added: TFlat[] = [];
  for (const [path, before] of previous) {
    const after = next.get(path);
    if (!after) {
      removed.push(before);
      continue;
    }
    const pair = { path, theme, before: stateOf(before), after: stateOf(after) };
    if (before.type !== after.type) changes.push({ kind: 'type-changed', ...pair });
    else if (before.key !== after.key) changes.push({ kind: 'value-changed', ...pair });
    const was = isDeprecated(before.deprecated);
    const is = isDeprecated(after.deprecated);
    if (!was && is) changes.push({ kind: 'deprecated', ...pair });
    if (was && !is) changes.push({ kind: 'undeprecated', ...pair });
  }
  for (const [path, after] of next) if (!previous.has(path)) added.push(after);

  // Renames: a removed and an added token with the same type and the same written value, paired
  // one-to-one in path order.
  const addedByKey = new Map<string, TFlat[]>();
  for (const token of added.sort(byPath))
    addedByKey.set(token.key, [...(addedByKey.get(token.key) ?? []), token]);
  const renamedTo = new Set<string>();
  for (const before of removed.sort(byPath)) {
    const after = addedByKey.get(before.key)?.shift();
    if (after) {
      renamedTo.add(after.path);
      changes.push({
        kind: 'renamed',
        path: after.path,
        theme,
        previousPath: before.path,
        before: stateOf(before),
        after: stateOf(after),
      });
    } else {
      changes.push({ kind: 'removed', path: before.path, theme, before: stateOf(before) });
    }
  }
  for (const after of added) {
    if (!renamedTo.has(after.path))
      changes.push({ kind: 'added', path: after.path, theme, after: stateOf(after) });
  }
  const kindOrder = (change: TTokenChange) => TOKEN_CHANGE_KINDS.indexOf(change.kind);
  return changes.sort((a, b) => byPath(a, b) || kindOrder(a) - kindOrder(b));
}

/**
 * Compares two token sets file by file (base, then each theme), token by token, on the values as
 * written (an alias is compared as its text). Themes are typed through the base. Throws
 * `TokenSetError` if a token's type cannot be told (validate sets with `validateTokenSet` first).
 */
export function diffTokenSets(previous: TTokenSet, next: TTokenSet): TTokenDiff {
  const changes = [
    ...diffSource(flatten(previous.base, previous.base, null), flatten(next.base, next.base, null), null),
    ...THEME_NAMES.flatMap((theme) =>
      diffSource(
        flatten(previous.themes[theme], mergeTokenTrees(previous.base, previous.themes[theme]), theme),
        flatten(next.themes[theme], mergeTokenTrees(next.base, next.themes[theme]), theme),
        theme,
      ),
    ),
  ];
  const summary = emptyChangeSummary();
  let bump: TVersionBump = 'none';
  for (const change of changes) {
    summary[change.kind] += 1;
    const candidate = BUMP_BY_KIND[change.kind];
    if (BUMP_ORDER.indexOf(candidate) > BUMP_ORDER.indexOf(bump)) bump = candidate;
  }
  return { changes, summary, bump, isBreaking: bump === 'major' };
}
