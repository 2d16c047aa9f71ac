/**
 * Following DTCG aliases (`{group.token}`) to the values they stand for, also inside composite
 * values (a border's colour, a typography's font size, a gradient stop's position, …).
 *
 * `createAliasResolver(tree)` memoizes every token it resolves (and every failure), so resolving all
 * tokens of a tree costs one visit per token however long the alias chains are. The memo lives as
 * long as the resolver: create a new one after the tree changes.
 */
import type {
  TResolvedToken,
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

/** Where a failing reference sits inside a composite `$value`, e.g. `['style', 'dashArray', 0]`. */
export type TValuePath = readonly (string | number)[];

/**
 * An alias that cannot be resolved; `path` is the token being resolved, `target` the failing reference.
 * `via` is set when the failing reference is a sub-value of `path`'s own composite value; `cycle`
 * lists the token names around the loop (from `path`) for `reason: 'cycle'`.
 */
export class AliasError extends Error {
  readonly via?: TValuePath;
  readonly cycle?: readonly string[];

  constructor(
    readonly reason: TAliasErrorReason,
    readonly path: readonly string[],
    readonly target: readonly string[],
    message: string,
    details: { via?: TValuePath | undefined; cycle?: readonly string[] | undefined } = {},
  ) {
    super(message);
    this.name = 'AliasError';
    if (details.via) this.via = details.via;
    if (details.cycle) this.cycle = details.cycle;
  }
}

/** The type each aliasable sub-value of an object-shaped composite must have. */
export const COMPOSITE_PART_TYPES = {
  shadow: {
    color: 'color',
    offsetX: 'dimension',
    offsetY: 'dimension',
    blur: 'dimension',
    spread: 'dimension',
  },
  border: { color: 'color', width: 'dimension', style: 'strokeStyle' },
  transition: { duration: 'duration', delay: 'duration', timingFunction: 'cubicBezier' },
  gradient: { color: 'color', position: 'number' },
  typography: {
    fontFamily: 'fontFamily',
    fontSize: 'dimension',
    fontWeight: 'fontWeight',
    letterSpacing: 'dimension',
    lineHeight: 'number',
  },
} as const satisfies Partial<Record<TTokenType, Record<string, TTokenType>>>;

/** Resolves one aliased sub-value: returns the target's (resolved) value. */
type TPartResolver = (target: string[], type: TTokenType, via: TValuePath) => unknown;

function resolveObjectParts(
  parts: Readonly<Record<string, TTokenType>>,
  value: unknown,
  via: TValuePath,
  resolvePart: TPartResolver,
): unknown {
  if (!isPlainObject(value)) return value;
  const resolved: Record<string, unknown> = { ...value };
  for (const [key, type] of Object.entries(parts)) {
    resolved[key] = resolveValueParts(type, value[key], [...via, key], resolvePart);
  }
  return resolved;
}

/**
 * A `$value` (or sub-value) of `type` with every aliased sub-value replaced by what `resolvePart`
 * returns; non-composite values and malformed values are returned as they are.
 */
export function resolveValueParts(
  type: TTokenType,
  value: unknown,
  via: TValuePath,
  resolvePart: TPartResolver,
): unknown {
  const target = via.length > 0 ? parseAliasPath(value) : undefined;
  if (target) return resolvePart(target, type, via);
  switch (type) {
    case 'shadow':
      return Array.isArray(value)
        ? value.map((layer, i) =>
            resolveObjectParts(COMPOSITE_PART_TYPES.shadow, layer, [...via, i], resolvePart),
          )
        : resolveObjectParts(COMPOSITE_PART_TYPES.shadow, value, via, resolvePart);
    case 'gradient':
      return Array.isArray(value)
        ? value.map((stop, i) =>
            resolveObjectParts(COMPOSITE_PART_TYPES.gradient, stop, [...via, i], resolvePart),
          )
        : value;
    case 'border':
    case 'transition':
    case 'typography':
      return resolveObjectParts(COMPOSITE_PART_TYPES[type], value, via, resolvePart);
    case 'strokeStyle': {
      if (!isPlainObject(value) || !Array.isArray(value['dashArray'])) return value;
      const dashArray = value['dashArray'].map((dash: unknown, i) =>
        resolveValueParts('dimension', dash, [...via, 'dashArray', i], resolvePart),
      );
      return { ...value, dashArray };
    }
    default:
      return value;
  }
}

type TEntry = {
  path: string[];
  type: TTokenType;
  value: unknown;
  description: string | undefined;
  /** The token this one aliases. */
  next?: TEntry;
};

type TFailure = {
  failed: true;
  reason: TAliasErrorReason;
  target: string[];
  message: string;
  via?: TValuePath | undefined;
  /** Token names from this token around the loop and back to where it closes. */
  cycle?: string[] | undefined;
};

const cycleMessage = (names: readonly string[]) => `Alias cycle: ${names.join(' → ')}`;

function toResolved(entry: TEntry): TResolvedToken {
  const chain: string[][] = [];
  for (let at: TEntry | undefined = entry; at; at = at.next) chain.push([...at.path]);
  return {
    path: [...entry.path],
    type: entry.type,
    value: entry.value as TTokenValue,
    description: entry.description,
    chain,
  };
}

/** Resolves tokens of one tree, memoizing each token's resolution (see the module comment). */
export type TAliasResolver = {
  /** The token at `path` with its alias chain followed; throws `AliasError`. */
  resolve(path: string | readonly string[]): TResolvedToken;
  /** Like `resolve`, returning the `AliasError` instead of throwing it. */
  tryResolve(path: string | readonly string[]): TResolvedToken | AliasError;
  /** The `AliasError` resolving `path` would throw, or `undefined` (cheaper: builds no chain). */
  check(path: string | readonly string[]): AliasError | undefined;
};

const toSegments = (path: string | readonly string[]): readonly string[] =>
  typeof path === 'string' ? (parseAliasPath(path) ?? path.split('.')) : path;

export function createAliasResolver(tree: TTokenGroup): TAliasResolver {
  const memo = new Map<string, TEntry | TFailure>();
  /** Names of the tokens being resolved, outermost first. */
  const stack: string[] = [];
  const onStack = new Set<string>();

  const raise = (failure: Omit<TFailure, 'failed'>, origin: readonly string[]): never => {
    throw new AliasError(failure.reason, origin, failure.target, failure.message, {
      via: failure.via,
      cycle: failure.cycle,
    });
  };

  /** A cached failure as seen from the current stack (cycle messages name the way in). */
  const raiseCached = (failure: TFailure, origin: readonly string[]): never => {
    if (failure.reason !== 'cycle' || !failure.cycle || stack.length === 0) return raise(failure, origin);
    const cycle = [...stack, ...failure.cycle];
    return raise({ ...failure, message: cycleMessage(cycle), cycle }, origin);
  };

  /** This frame's view of a failure coming from below: its own cycle message, its own `via`. */
  const failureAt = (error: AliasError, index: number, via: TValuePath | undefined): TFailure => {
    const failure: TFailure = {
      failed: true,
      reason: error.reason,
      target: [...error.target],
      message: error.message,
    };
    if (via) failure.via = via;
    if (error.reason === 'cycle' && error.cycle) {
      const names = error.cycle;
      const closing = names[names.length - 1] ?? '';
      const start = names.indexOf(closing);
      let own: string[];
      if (index <= start) {
        own = names.slice(index);
      } else {
        const loop = names.slice(start, -1);
        const at = index - start;
        own = [...loop.slice(at), ...loop.slice(0, at), loop[at] ?? ''];
      }
      failure.cycle = own;
      failure.message = cycleMessage(own);
    }
    return failure;
  };

  function lookup(path: readonly string[], origin: readonly string[]): TEntry {
    const name = pathToName(path);
    const cached = memo.get(name);
    if (cached) return 'failed' in cached ? raiseCached(cached, origin) : cached;
    if (onStack.has(name)) {
      const cycle = [...stack, name];
      return raise({ reason: 'cycle', target: [...path], message: cycleMessage(cycle), cycle }, origin);
    }
    const found = getNode(tree, path);
    if (!found) {
      const referrer = stack[stack.length - 1];
      const via = referrer === undefined ? '' : ` (referenced by {${referrer}})`;
      return raise({ reason: 'missing', target: [...path], message: `No token at {${name}}${via}` }, origin);
    }
    if (!isToken(found.node)) {
      return raise(
        { reason: 'not-a-token', target: [...path], message: `{${name}} is a group, not a token` },
        origin,
      );
    }
    const token = found.node;
    const index = stack.length;
    stack.push(name);
    onStack.add(name);
    let partVia: TValuePath | undefined;
    try {
      const declaredType = token.$type ?? found.inheritedType;
      const targetPath = parseAliasPath(token.$value);
      let entry: TEntry;
      if (targetPath) {
        const target = lookup(targetPath, origin);
        if (declaredType && target.type !== declaredType) {
          raise(
            {
              reason: 'type-mismatch',
              target: [...targetPath],
              message: `{${pathToName(targetPath)}} is a ${target.type} token where a ${declaredType} is expected`,
            },
            origin,
          );
        }
        entry = {
          path: [...path],
          type: target.type,
          value: target.value,
          description: token.$description ?? target.description,
          next: target,
        };
      } else {
        if (!declaredType) {
          raise(
            {
              reason: 'untyped',
              target: [...path],
              message: `{${name}} has no $type (on itself or a parent group)`,
            },
            origin,
          );
        }
        const type = declaredType as TTokenType;
        const value = resolveValueParts(type, token.$value, [], (target, partType, via) => {
          partVia = via;
          const part = lookup(target, origin);
          if (part.type !== partType) {
            raise(
              {
                reason: 'type-mismatch',
                target,
                message: `{${pathToName(target)}} is a ${part.type} token where a ${partType} is expected`,
              },
              origin,
            );
          }
          partVia = undefined;
          return part.value;
        });
        entry = { path: [...path], type, value, description: token.$description };
      }
      memo.set(name, entry);
      return entry;
    } catch (error) {
      if (!(error instanceof AliasError)) throw error;
      const failure = failureAt(error, index, partVia);
      memo.set(name, failure);
      // Upwards the cycle stays listed from the outermost token, so each frame can take its own view.
      return raise({ ...failure, cycle: error.cycle ? [...error.cycle] : undefined }, origin);
    } finally {
      stack.pop();
      onStack.delete(name);
    }
  }

  const resolve = (path: string | readonly string[]) => {
    const segments = toSegments(path);
    return toResolved(lookup(segments, segments));
  };
  return {
    resolve,
    check(path) {
      const segments = toSegments(path);
      try {
        lookup(segments, segments);
        return undefined;
      } catch (error) {
        if (error instanceof AliasError) return error;
        throw error;
      }
    },
    tryResolve(path) {
      try {
        return resolve(path);
      } catch (error) {
        if (error instanceof AliasError) return error;
        throw error;
      }
    },
  };
}

/**
 * Resolves the token at `path` inside one tree, following aliases (also inside composite values such
 * as a shadow's colour) until a literal value is reached. Throws `AliasError` on a missing target,
 * a group target, a cycle, or a type mismatch. To resolve many tokens, use `createAliasResolver`.
 */
export function resolveTokenInTree(tree: TTokenGroup, path: string | readonly string[]): TResolvedToken {
  return createAliasResolver(tree).resolve(path);
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
