import { buildThemeVariables, type TTokenSet } from '@lumenforge/tokens';

/** Tailwind v4 theme namespaces the SLATE tokens fill, by the CSS variable prefix they come from. */
export type TThemeNamespace =
  | 'color'
  | 'text'
  | 'font'
  | 'font-weight'
  | 'spacing'
  | 'radius'
  | 'shadow'
  | 'ease'
  | 'duration';

/** Longest prefix first: `--font-weight-bold` is a weight, not a family called `weight-bold`. */
const NAMESPACE_PREFIXES: readonly (readonly [prefix: string, namespace: TThemeNamespace])[] = [
  ['--font-weight-', 'font-weight'],
  ['--font-', 'font'],
  ['--color-', 'color'],
  ['--text-', 'text'],
  ['--spacing-', 'spacing'],
  ['--radius-', 'radius'],
  ['--shadow-', 'shadow'],
  ['--ease-', 'ease'],
  ['--duration-', 'duration'],
];

/** What a component may style with: the theme keys of one token set, per namespace. */
export type TTokenVocabulary = {
  /** The token set's version, recorded with the component it checked. */
  version: string | null;
  keys: ReadonlyMap<TThemeNamespace, ReadonlySet<string>>;
  /** Every CSS variable the theme declares (`--color-surface`), for `var(--…)` and `bg-(--…)`. */
  variables: ReadonlySet<string>;
};

/**
 * The vocabulary of a token set, from the same theme variables the apps' theme CSS declares
 * (light, dark and every system's accents), so what passes the check exists where it renders.
 */
export function tokenVocabulary(set: TTokenSet, version: string | null = null): TTokenVocabulary {
  const variables = buildThemeVariables(set);
  const names = new Set(
    [
      ...variables.theme,
      ...variables.dark,
      ...Object.values(variables.systems).flatMap((system) => [...system.light, ...system.dark]),
    ].map((declaration) => declaration.name),
  );
  const keys = new Map<TThemeNamespace, Set<string>>();
  for (const name of names) {
    const match = NAMESPACE_PREFIXES.find(
      ([prefix]) => name.startsWith(prefix) && name.length > prefix.length,
    );
    if (!match) continue;
    const [prefix, namespace] = match;
    const key = name.slice(prefix.length);
    // `--text-sm--line-height` belongs to `text-sm`; Tailwind writes `p-0.5` for `--spacing-0_5`.
    if (key.includes('--')) continue;
    const keysOfNamespace = keys.get(namespace) ?? new Set<string>();
    keysOfNamespace.add(namespace === 'spacing' ? key.replace(/_/g, '.') : key);
    keys.set(namespace, keysOfNamespace);
  }
  return { version, keys, variables: names };
}

/** The keys of one namespace (empty when the token set has none). */
export function vocabularyKeys(
  vocabulary: TTokenVocabulary,
  namespace: TThemeNamespace,
): ReadonlySet<string> {
  return vocabulary.keys.get(namespace) ?? new Set();
}
