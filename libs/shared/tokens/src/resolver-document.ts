/**
 * The DTCG 2025.10 Resolver module (https://www.designtokens.org/TR/2025.10/resolver/) for Luminera's
 * token set: a resolver document with one set, `base`, and one modifier, `theme`, whose contexts are
 * `light` and `dark` (default `light`); `resolutionOrder` applies the base, then the theme. Sources
 * are inlined token trees, so a document is self-contained. In memory the set stays a `TTokenSet`.
 */
import { TokenSetError } from './token-set.schema';
import { validateTokenSet } from './token-validation';
import { THEME_NAMES, type TThemeName, type TTokenGroup, type TTokenSet } from './token.types';
import { isPlainObject, mergeTokenTrees, resolveThemeTree } from './token-tree.utils';

export const RESOLVER_VERSION = '2025.10';
const SOURCE = 'resolver document';

/** A reference object: a JSON pointer into this document (`#/sets/base`) or a file. */
export type TResolverReference = { $ref: string };
/** A source: an inline token tree, or a reference to one. */
export type TResolverSource = TTokenGroup | TResolverReference;

export type TResolverSet = {
  description?: string;
  sources: TResolverSource[];
  $extensions?: Record<string, unknown>;
};
export type TResolverModifier = {
  description?: string;
  contexts: Record<string, TResolverSource[]>;
  default?: string;
  $extensions?: Record<string, unknown>;
};

export type TResolverDocument = {
  name?: string;
  version: typeof RESOLVER_VERSION;
  description?: string;
  sets: Record<string, TResolverSet>;
  modifiers: Record<string, TResolverModifier>;
  resolutionOrder: TResolverReference[];
  $extensions?: Record<string, unknown>;
};

/** The inputs of `resolveTokens`: one value per modifier. */
export type TResolverInputs = { theme?: TThemeName };

/** The set as a resolver document: set `base`, modifier `theme` (light, dark; default light), inlined. */
export function toResolverDocument(set: TTokenSet, name = 'Luminera'): TResolverDocument {
  return {
    name,
    version: RESOLVER_VERSION,
    sets: { base: { sources: [structuredClone(set.base)] } },
    modifiers: {
      theme: {
        contexts: Object.fromEntries(
          THEME_NAMES.map((theme) => [theme, [structuredClone(set.themes[theme])]]),
        ),
        default: THEME_NAMES[0],
      },
    },
    resolutionOrder: [{ $ref: '#/sets/base' }, { $ref: '#/modifiers/theme' }],
  };
}

const fail = (path: string, message: string): never => {
  throw new TokenSetError(SOURCE, [{ path, message, rule: 'shape', severity: 'error' }]);
};

const isReference = (value: unknown): value is TResolverReference =>
  isPlainObject(value) && typeof value['$ref'] === 'string';

/** A JSON pointer inside the document (`#/sets/base/sources/0`), RFC 6901 escapes included. */
function followPointer(document: Record<string, unknown>, ref: string, at: string): unknown {
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isPlainObject(node) ? node[key] : undefined;
    if (node === undefined) fail(at, `$ref "${ref}" points at nothing in this document`);
  }
  return node;
}

/** Sources → one tree (later sources win). Only inline trees and pointers into the document. */
function mergeSources(document: Record<string, unknown>, sources: unknown, at: string): TTokenGroup {
  if (!Array.isArray(sources)) return fail(at, 'Expected an array of sources');
  const trees = sources.map((source, index) => {
    const sourceAt = `${at}.${index}`;
    let tree: unknown = source;
    if (isReference(source)) {
      if (!source.$ref.startsWith('#/')) {
        fail(
          sourceAt,
          `External $ref "${source.$ref}" is not supported: inline the file's tokens as the source`,
        );
      }
      tree = followPointer(document, source.$ref, sourceAt);
      if (isReference(tree)) fail(sourceAt, `$ref "${source.$ref}" points at another reference`);
    }
    if (!isPlainObject(tree)) return fail(sourceAt, 'A source must be a token tree (an object) or a $ref');
    return tree as TTokenGroup;
  });
  return mergeTokenTrees(...trees);
}

/**
 * A resolver document → the token set, validated like `validateTokenSet`. Accepts the shape
 * `toResolverDocument` writes, more generally: any sets (merged into the base in resolution order),
 * then one modifier with exactly the contexts `light` and `dark`. Sources must be inline trees or
 * pointers into the document. Throws `TokenSetError` otherwise, or when the tokens are invalid.
 */
export function parseResolverDocument(input: unknown): TTokenSet {
  if (!isPlainObject(input)) return fail('', 'Expected a DTCG resolver document (an object)');
  if (input['version'] !== RESOLVER_VERSION) {
    fail('version', `Expected version "${RESOLVER_VERSION}", got ${JSON.stringify(input['version'])}`);
  }
  const sets = input['sets'] ?? {};
  const modifiers = input['modifiers'] ?? {};
  if (!isPlainObject(sets)) fail('sets', 'Expected an object of named sets');
  if (!isPlainObject(modifiers)) fail('modifiers', 'Expected an object of named modifiers');
  const order = input['resolutionOrder'];
  if (!Array.isArray(order)) return fail('resolutionOrder', 'Expected an array of $ref objects');

  const baseTrees: TTokenGroup[] = [];
  let themes: Record<TThemeName, TTokenGroup> | undefined;
  order.forEach((item, index) => {
    const at = `resolutionOrder.${index}`;
    if (!isReference(item))
      return fail(at, 'Only { "$ref": "#/sets/…" } or "#/modifiers/…" items are supported');
    const match = /^#\/(sets|modifiers)\/([^/]+)$/.exec(item.$ref);
    if (!match)
      return fail(at, `Unsupported $ref "${item.$ref}": expected #/sets/<name> or #/modifiers/<name>`);
    const [, kind, name = ''] = match;
    if (kind === 'sets') {
      if (themes) fail(at, 'Sets after the theme modifier are not supported');
      const set = (sets as Record<string, unknown>)[name];
      if (!isPlainObject(set)) return fail(at, `No set "${name}"`);
      baseTrees.push(mergeSources(input, set['sources'], `sets.${name}.sources`));
      return;
    }
    if (themes) fail(at, 'Only one modifier (the theme) is supported');
    const modifier = (modifiers as Record<string, unknown>)[name];
    if (!isPlainObject(modifier)) return fail(at, `No modifier "${name}"`);
    const contexts = modifier['contexts'];
    if (!isPlainObject(contexts)) return fail(`modifiers.${name}.contexts`, 'Expected an object of contexts');
    const names = Object.keys(contexts).sort();
    if (names.join() !== [...THEME_NAMES].sort().join()) {
      fail(
        `modifiers.${name}.contexts`,
        `Expected exactly the contexts ${THEME_NAMES.join(', ')}, got ${names.join(', ') || 'none'}`,
      );
    }
    const fallback = modifier['default'];
    if (fallback !== undefined && !(THEME_NAMES as readonly unknown[]).includes(fallback)) {
      fail(`modifiers.${name}.default`, `Default context must be one of ${THEME_NAMES.join(', ')}`);
    }
    themes = Object.fromEntries(
      THEME_NAMES.map((theme) => [
        theme,
        mergeSources(input, contexts[theme], `modifiers.${name}.contexts.${theme}`),
      ]),
    ) as Record<TThemeName, TTokenGroup>;
  });
  if (!themes) return fail('resolutionOrder', 'Expected a theme modifier with contexts light and dark');

  const { set, issues } = validateTokenSet({ base: mergeTokenTrees(...baseTrees), themes });
  if (!set) throw new TokenSetError(SOURCE, issues);
  return set;
}

/**
 * The resolved token tree for the given modifier inputs (DTCG: "resolver + input = resolution"): the
 * base with the chosen theme's context merged over it. `theme` defaults to `light`, the default context.
 * Throws `TokenSetError` for an input that is not a modifier or not one of its contexts.
 */
export function resolveTokens(set: TTokenSet, inputs: TResolverInputs = {}): TTokenGroup {
  const unknown = Object.keys(inputs).filter((key) => key !== 'theme');
  if (unknown.length > 0)
    fail('', `Unknown modifier ${unknown.map((key) => `"${key}"`).join(', ')}; expected "theme"`);
  const theme = inputs.theme ?? THEME_NAMES[0];
  if (!(THEME_NAMES as readonly string[]).includes(theme)) {
    fail('', `Unknown theme "${String(theme)}"; expected ${THEME_NAMES.join(', ')}`);
  }
  return resolveThemeTree(set, theme);
}
