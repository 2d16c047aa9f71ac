/** Walking, addressing and merging DTCG token trees. */
import type { TAlias, TThemeName, TToken, TTokenGroup, TTokenSet, TTokenType } from './token.types';

/** `{a.b.c}`: DTCG's curly-brace reference. */
const ALIAS_PATTERN = /^\{([^{}]+)\}$/;

/** DTCG 2025.10: a group's own token, addressed as `{group.$root}`. */
export const ROOT_TOKEN_NAME = '$root';

/** The path without its `$root` segments: the names a CSS variable is made of. */
export function withoutRoot(path: readonly string[]): string[] {
  return path.filter((segment) => segment !== ROOT_TOKEN_NAME);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A token is any object with a `$value`; anything else in a tree is a group. */
export function isToken(node: unknown): node is TToken {
  return isPlainObject(node) && '$value' in node;
}

export function isAlias(value: unknown): value is TAlias {
  return typeof value === 'string' && ALIAS_PATTERN.test(value);
}

/** `"{color.neutral.50}"` → `['color', 'neutral', '50']`; `undefined` when the value is not an alias. */
export function parseAliasPath(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const inner = ALIAS_PATTERN.exec(value)?.[1];
  if (inner === undefined) return undefined;
  const path = inner.split('.');
  return path.every((segment) => segment.length > 0) ? path : undefined;
}

/** `['color', 'bg']` → `"{color.bg}"`. */
export function toAlias(path: readonly string[]): TAlias {
  return `{${path.join('.')}}`;
}

/** Dotted name of a path, as used in aliases and error messages: `color.neutral.50`. */
export function pathToName(path: readonly string[]): string {
  return path.join('.');
}

/** A group's child tokens and groups by name, in document order (`$` properties excluded). */
export function groupChildren(group: TTokenGroup): [string, TToken | TTokenGroup][] {
  return Object.entries(group).filter(
    (entry): entry is [string, TToken | TTokenGroup] => !entry[0].startsWith('$') && isPlainObject(entry[1]),
  );
}

/**
 * The node at `path` (a child name per segment; `$root` selects a group's root token), with the
 * `$type` it inherits from the nearest ancestor group, or `undefined` when nothing is there.
 */
export function getNode(
  tree: TTokenGroup,
  path: readonly string[],
): { node: TToken | TTokenGroup; inheritedType: TTokenType | undefined } | undefined {
  let node: TToken | TTokenGroup = tree;
  let inheritedType = tree.$type;
  for (const segment of path) {
    if (isToken(node)) return undefined;
    const next: unknown =
      segment === ROOT_TOKEN_NAME ? node.$root : segment.startsWith('$') ? undefined : node[segment];
    if (!isPlainObject(next)) return undefined;
    node = next as TToken | TTokenGroup;
    if (!isToken(node) && node.$type) inheritedType = node.$type;
  }
  return { node, inheritedType };
}

export type TTokenVisit = {
  path: string[];
  token: TToken;
  /** `$type` of the token, or inherited from its groups; `undefined` if neither (an alias may supply it). */
  type: TTokenType | undefined;
  /** `$deprecated` of the token, or inherited from its nearest group that sets it. */
  deprecated?: boolean | string;
};

/** Every token in the tree, depth-first in document order (a group's `$root` before its children). */
export function* walkTokens(
  group: TTokenGroup,
  parentPath: readonly string[] = [],
  inheritedType: TTokenType | undefined = undefined,
  inheritedDeprecated: boolean | string | undefined = undefined,
): Generator<TTokenVisit> {
  const groupType = group.$type ?? inheritedType;
  const groupDeprecated = group.$deprecated ?? inheritedDeprecated;
  const visit = (path: string[], token: TToken): TTokenVisit => {
    const deprecated = token.$deprecated ?? groupDeprecated;
    return deprecated === undefined
      ? { path, token, type: token.$type ?? groupType }
      : { path, token, type: token.$type ?? groupType, deprecated };
  };
  if (isToken(group.$root)) yield visit([...parentPath, ROOT_TOKEN_NAME], group.$root);
  for (const [name, child] of groupChildren(group)) {
    const path = [...parentPath, name];
    if (isToken(child)) yield visit(path, child);
    else yield* walkTokens(child, path, groupType, groupDeprecated);
  }
}

/**
 * Deep-merges token trees, later trees winning: a token replaces whatever was at its path, groups
 * merge member by member. Inputs are not modified. This is how a theme file is layered over the base.
 */
export function mergeTokenTrees(...trees: TTokenGroup[]): TTokenGroup {
  const merged: TTokenGroup = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const current = merged[key];
      if (
        !key.startsWith('$') &&
        isPlainObject(value) &&
        !isToken(value) &&
        isPlainObject(current) &&
        !isToken(current)
      ) {
        merged[key] = mergeTokenTrees(current as TTokenGroup, value as TTokenGroup);
      } else {
        merged[key] = structuredClone(value);
      }
    }
  }
  return merged;
}

/** The base tree with one theme's file merged over it: the tree that theme's aliases resolve in. */
export function resolveThemeTree(set: TTokenSet, theme: TThemeName): TTokenGroup {
  return mergeTokenTrees(set.base, set.themes[theme]);
}
