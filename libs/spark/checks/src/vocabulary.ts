// What a check reads from a token vocabulary, without building one: the worker threads that
// check components get a vocabulary built elsewhere and need no token code (see check-pool.ts).

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

/** What a component may style with: the theme keys of one token set, per namespace. */
export type TTokenVocabulary = {
  /** The token set's version, recorded with the component it checked. */
  version: string | null;
  keys: ReadonlyMap<TThemeNamespace, ReadonlySet<string>>;
  /** Every CSS variable the theme declares (`--color-surface`), for `var(--…)` and `bg-(--…)`. */
  variables: ReadonlySet<string>;
};

/** The keys of one namespace (empty when the token set has none). */
export function vocabularyKeys(
  vocabulary: TTokenVocabulary,
  namespace: TThemeNamespace,
): ReadonlySet<string> {
  return vocabulary.keys.get(namespace) ?? new Set();
}
