/**
 * A token set as a flat list of entries for one theme: the rows SLATE's token table shows and the
 * input of the TypeScript export. Each entry carries its theme CSS variable and best Tailwind utility,
 * both named by the theme generator (`cssVariableName`, `tailwindClassFor`).
 */
import { createAliasResolver, type TAliasResolver } from '../alias.resolver';
import { tokenValueToCss, type TReferenceToCss } from '../css-value.formatter';
import { cssVariableName, tailwindClassFor } from '../theme-css.generator';
import type { TThemeName, TTokenSet, TTokenType } from '../token.types';
import { parseAliasPath, pathToName, resolveThemeTree, walkTokens } from '../token-tree.utils';

export type TTokenEntry = {
  /** Dotted path, `$root` included: `color.accent.spark.$root`. */
  path: string;
  type: TTokenType;
  /** The resolved literal when entries are resolved, else the `$value` as written (alias text included). */
  value: unknown;
  /** Dotted path of the token this one aliases directly. */
  aliasOf?: string;
  description?: string;
  deprecated?: boolean | string;
  /** The CSS variable the theme CSS of every app declares (`--color-bg`, `--text-xs`, `--color-accent-spark`). */
  cssVariable: string;
  /** The Tailwind utility that best shows the token (`bg-surface`, `text-xs`, `p-0.5`), when there is one. */
  tailwindClass?: string;
  /** The value as CSS text: literal when resolved, else aliases as `var(--target)`. */
  css: string;
};

export type TTokenEntriesOptions = { theme: TThemeName; resolved: boolean };

function literalWriter(resolver: TAliasResolver): TReferenceToCss {
  const write: TReferenceToCss = (path) => {
    const resolved = resolver.resolve(path);
    return tokenValueToCss(resolved.type, resolved.value, write);
  };
  return write;
}

const variableWriter: TReferenceToCss = (path) => `var(${cssVariableName(path)})`;

/**
 * Every token of `theme` merged over the base, in document order. Resolved entries carry literal
 * values and CSS; unresolved ones the `$value` as written and `var()` references for aliases.
 * Throws `AliasError` for an alias that does not resolve (validate the set first).
 */
export function tokenEntries(set: TTokenSet, options: TTokenEntriesOptions): TTokenEntry[] {
  const tree = resolveThemeTree(set, options.theme);
  const resolver = createAliasResolver(tree);
  const literal = literalWriter(resolver);
  return [...walkTokens(tree)].map(({ path, token }) => {
    const resolved = resolver.resolve(path);
    const cssVariable = cssVariableName(path);
    const entry: TTokenEntry = {
      path: pathToName(path),
      type: resolved.type,
      value: options.resolved ? resolved.value : token.$value,
      cssVariable,
      css: options.resolved
        ? tokenValueToCss(resolved.type, resolved.value, literal)
        : tokenValueToCss(resolved.type, token.$value, variableWriter),
    };
    const aliasOf = parseAliasPath(token.$value);
    if (aliasOf) entry.aliasOf = pathToName(aliasOf);
    if (token.$description !== undefined) entry.description = token.$description;
    if (token.$deprecated !== undefined) entry.deprecated = token.$deprecated;
    const tailwindClass = tailwindClassFor(cssVariable);
    if (tailwindClass) entry.tailwindClass = tailwindClass;
    return entry;
  });
}

/** Entry categories for tables and filters: the first path segments (and composite types) each covers. */
export const TOKEN_CATEGORIES = {
  colors: ['color'],
  typography: ['font'],
  spacing: ['spacing'],
  radii: ['radius'],
  shadows: ['shadow'],
  animation: ['duration', 'easing'],
} as const;
export type TTokenCategory = keyof typeof TOKEN_CATEGORIES;

/** Composite token types that belong to a category wherever they sit in the tree. */
const CATEGORY_TYPES: Readonly<Partial<Record<TTokenCategory, readonly string[]>>> = {
  typography: ['typography'],
  animation: ['transition'],
};

/** The entries of one category: by first path segment, plus typography/transition tokens anywhere. */
export function filterEntriesByCategory(
  entries: readonly TTokenEntry[],
  category: TTokenCategory,
): TTokenEntry[] {
  const heads: readonly string[] = TOKEN_CATEGORIES[category];
  const types = CATEGORY_TYPES[category] ?? [];
  return entries.filter(
    (entry) => heads.includes(entry.path.split('.')[0] ?? '') || types.includes(entry.type),
  );
}
