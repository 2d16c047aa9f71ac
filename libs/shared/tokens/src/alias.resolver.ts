/** Following DTCG aliases (`{group.token}`) to the values they stand for. */
import type {
  TResolvedToken,
  TShadowLayer,
  TThemeName,
  TTokenGroup,
  TTokenSet,
  TTokenType,
  TTokenValue,
} from './token.types';
import {
  getNode,
  isPlainObject,
  isToken,
  parseAliasPath,
  pathToName,
  resolveThemeTree,
} from './token-tree.utils';

export type TAliasErrorReason = 'missing' | 'not-a-token' | 'cycle' | 'type-mismatch' | 'untyped';

/** An alias that cannot be resolved; `path` is the token being resolved, `target` the failing reference. */
export class AliasError extends Error {
  constructor(
    readonly reason: TAliasErrorReason,
    readonly path: readonly string[],
    readonly target: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'AliasError';
  }
}

/** Sub-values of composite types that may themselves be aliases, and the type they must have. */
const SHADOW_PART_TYPES = {
  color: 'color',
  offsetX: 'dimension',
  offsetY: 'dimension',
  blur: 'dimension',
  spread: 'dimension',
} as const satisfies Partial<Record<keyof TShadowLayer, TTokenType>>;

function resolveShadowLayer(tree: TTokenGroup, layer: unknown, trail: string[][]): unknown {
  if (!isPlainObject(layer)) return layer;
  const resolved: Record<string, unknown> = { ...layer };
  for (const [part, type] of Object.entries(SHADOW_PART_TYPES)) {
    const target = parseAliasPath(layer[part]);
    if (!target) continue;
    const sub = resolveInTree(tree, target, trail, type);
    resolved[part] = sub.value;
  }
  return resolved;
}

function resolveInTree(
  tree: TTokenGroup,
  path: readonly string[],
  trail: string[][],
  expectedType?: TTokenType,
): TResolvedToken {
  const origin = trail[0] ?? path;
  const name = pathToName(path);
  if (trail.some((seen) => pathToName(seen) === name)) {
    const cycle = [...trail, path].map(pathToName).join(' → ');
    throw new AliasError('cycle', origin, path, `Alias cycle: ${cycle}`);
  }
  const found = getNode(tree, path);
  if (!found) {
    const via = trail.length > 0 ? ` (referenced by {${pathToName(trail[trail.length - 1] ?? [])}})` : '';
    throw new AliasError('missing', origin, path, `No token at {${name}}${via}`);
  }
  if (!isToken(found.node)) {
    throw new AliasError('not-a-token', origin, path, `{${name}} is a group, not a token`);
  }
  const chain = [...trail, [...path]];
  const declaredType = found.node.$type ?? found.inheritedType;
  const targetPath = parseAliasPath(found.node.$value);
  let resolved: TResolvedToken;
  if (targetPath) {
    const target = resolveInTree(tree, targetPath, chain, declaredType ?? expectedType);
    resolved = { ...target, path: [...path], description: found.node.$description ?? target.description };
  } else {
    if (!declaredType) {
      throw new AliasError('untyped', origin, path, `{${name}} has no $type (on itself or a parent group)`);
    }
    let value: unknown = found.node.$value;
    if (declaredType === 'shadow') {
      value = Array.isArray(value)
        ? value.map((layer) => resolveShadowLayer(tree, layer, chain))
        : resolveShadowLayer(tree, value, chain);
    }
    resolved = {
      path: [...path],
      type: declaredType,
      value: value as TTokenValue,
      description: found.node.$description,
      chain,
    };
  }
  const wanted = expectedType ?? declaredType;
  if (wanted && resolved.type !== wanted) {
    throw new AliasError(
      'type-mismatch',
      origin,
      path,
      `{${name}} is a ${resolved.type} token where a ${wanted} is expected`,
    );
  }
  return resolved;
}

/**
 * Resolves the token at `path` inside one tree, following aliases (also inside composite values such
 * as a shadow's colour) until a literal value is reached. Throws `AliasError` on a missing target,
 * a group target, a cycle, or a type mismatch.
 */
export function resolveTokenInTree(tree: TTokenGroup, path: string | readonly string[]): TResolvedToken {
  const segments = typeof path === 'string' ? (parseAliasPath(path) ?? path.split('.')) : path;
  return resolveInTree(tree, segments, []);
}

/**
 * Resolves a token of a token set, in one theme (default `light`): the theme's file is merged over
 * the base first, so `resolveAlias(set, 'color.bg')` follows `{color.neutral.50}` into the base.
 * `path` is dotted (`'color.bg'`), an alias (`'{color.bg}'`) or segments (`['color', 'bg']`).
 */
export function resolveAlias(
  set: TTokenSet,
  path: string | readonly string[],
  theme: TThemeName = 'light',
): TResolvedToken {
  return resolveTokenInTree(resolveThemeTree(set, theme), path);
}
