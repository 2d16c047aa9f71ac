import { buildThemeVariables, type TTokenSet } from '@lumenforge/tokens';
import type { TThemeNamespace, TTokenVocabulary } from './vocabulary';

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
