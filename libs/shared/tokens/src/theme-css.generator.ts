/**
 * Token set → the Tailwind v4 theme CSS every app imports (`@lumenforge/tokens/theme.css`).
 *
 * `@theme` holds the palettes, the light semantic colours, the default (landing) accent and the
 * type, spacing, radius, shadow and motion scales, so Tailwind generates `bg-surface`,
 * `text-accent-text`, `shadow-sm`, … `@layer base` then swaps values by attribute:
 * `[data-theme="dark"]` (or the OS preference unless `data-theme="light"`) for dark values,
 * `[data-system="…"]` for a system's accent. Semantic variables stay `var()` references, never
 * inlined, so these swaps reach every utility.
 */
import { resolveTokenInTree } from './alias.resolver';
import { dimensionToRem, tokenValueToCss, type TReferenceToCss } from './css-value.formatter';
import { DEFAULT_SYSTEM, SYSTEM_PALETTES, type TSystemPalette } from './system-palettes';
import type { TDimensionValue, TThemeName, TTokenGroup, TTokenSet } from './token.types';
import {
  getNode,
  groupChildren,
  isToken,
  pathToName,
  resolveThemeTree,
  ROOT_TOKEN_NAME,
  walkTokens,
  withoutRoot,
} from './token-tree.utils';

export type TCssDeclaration = { name: string; value: string };

/** Everything the theme CSS declares, before it is written out. */
export type TThemeVariables = {
  /** `@theme`: palettes, light semantic colours, default accent, scales. */
  theme: TCssDeclaration[];
  /** Dark values of every semantic colour (and any other variable the dark theme changes). */
  dark: TCssDeclaration[];
  /** Per system: accent steps and light roles (`[data-system]`), and dark roles. */
  systems: Record<TSystemPalette, { light: TCssDeclaration[]; dark: TCssDeclaration[] }>;
};

const ACCENT_GROUP = ['color', 'accent'] as const;

const SINGLE_NAMESPACES: Readonly<Record<string, string>> = {
  radius: '--radius',
  shadow: '--shadow',
  duration: '--duration',
  easing: '--ease',
};

/**
 * The CSS variable a token becomes, in Tailwind v4's theme namespaces. Every token has one and the
 * theme CSS declares every one (light values in `@theme`, dark ones under the dark selectors), so a
 * name SLATE offers to copy exists in every app. Accent roles are named per system
 * (`color.accent.spark.hover` → `--color-accent-spark-hover`); the unnamed `--color-accent*` roles
 * are the active system's, switched by `[data-system]`. Spacing steps are Tailwind's named spacing
 * (`spacing.4` → `--spacing-4`, used by `p-4`); `spacing.$root` is its `--spacing` multiplier.
 */
export function cssVariableName(path: readonly string[]): string {
  const [head, second, third] = path;
  if (head === 'font' && third !== undefined && path.length === 3) {
    if (second === 'family') return `--font-${third}`;
    if (second === 'size') return `--text-${third}`;
    if (second === 'line-height') return `--text-${third}--line-height`;
    if (second === 'weight') return `--font-weight-${third}`;
  }
  if (head !== undefined && SINGLE_NAMESPACES[head] && path.length === 2 && second !== ROOT_TOKEN_NAME)
    return `${SINGLE_NAMESPACES[head]}-${second}`;
  return pathVariableName(path);
}

/** Tailwind utilities per theme namespace, most specific prefix first. */
const UTILITY_BY_NAMESPACE: readonly (readonly [prefix: string, utility: (key: string) => string])[] = [
  ['--color-', (key) => `bg-${key}`],
  // `text-<size>` sets the size together with its line height.
  ['--text-', (key) => `text-${key.replace(/--line-height$/, '')}`],
  ['--font-weight-', (key) => `font-${key}`],
  ['--font-', (key) => `font-${key}`],
  // Tailwind looks `p-0.5` up as `--spacing-0_5`.
  ['--spacing-', (key) => `p-${key.replace(/_/g, '.')}`],
  ['--radius-', (key) => `rounded-${key}`],
  ['--shadow-', (key) => `shadow-${key}`],
  ['--ease-', (key) => `ease-${key}`],
  // Tailwind has no duration namespace: the theme variable goes in as an arbitrary value.
  ['--duration-', (key) => `duration-(--duration-${key})`],
];

/**
 * The Tailwind utility that best shows the token behind a theme variable (`--color-surface` →
 * `bg-surface`, `--spacing-0_5` → `p-0.5`), or `undefined` outside Tailwind's namespaces. Derived
 * from the variable name, so the class and the variable SLATE offers always agree.
 */
export function tailwindClassFor(variable: string): string | undefined {
  for (const [prefix, utility] of UTILITY_BY_NAMESPACE) {
    if (variable.startsWith(prefix) && variable.length > prefix.length)
      return utility(variable.slice(prefix.length));
  }
  return undefined;
}

/** `--` and the path's names joined by `-` (`$root` dropped): `color.accent.spark.$root` → `--color-accent-spark`. */
export function pathVariableName(path: readonly string[]): string {
  return `--${withoutRoot(path).join('-')}`;
}

/** Aliases become `var(--target)`: every token has a declared variable. */
const writeReference: TReferenceToCss = (path) => `var(${cssVariableName(path)})`;

function tokenDeclarations(tree: TTokenGroup): (TCssDeclaration & { path: string })[] {
  const declarations: (TCssDeclaration & { path: string })[] = [];
  for (const { path, token } of walkTokens(tree)) {
    const name = cssVariableName(path);
    const resolved = resolveTokenInTree(tree, path);
    // Tailwind's spacing is in rem (it scales with the reader's font size), whatever unit the tokens use.
    const value =
      path[0] === 'spacing' && resolved.type === 'dimension'
        ? dimensionToRem(resolved.value as TDimensionValue)
        : tokenValueToCss(resolved.type, token.$value, writeReference);
    declarations.push({ name, value, path: pathToName(path) });
  }
  return declarations;
}

function accentSteps(tree: TTokenGroup, system: TSystemPalette): TCssDeclaration[] {
  const found = getNode(tree, ['color', system]);
  if (!found || isToken(found.node)) throw new Error(`The token set has no palette color.${system}`);
  return groupChildren(found.node)
    .filter(([, node]) => isToken(node))
    .map(([step]) => ({ name: `--color-accent-${step}`, value: `var(--color-${system}-${step})` }));
}

function accentRoles(tree: TTokenGroup, system: TSystemPalette, theme: TThemeName): TCssDeclaration[] {
  const groupPath = [...ACCENT_GROUP, system];
  const found = getNode(tree, groupPath);
  if (!found || isToken(found.node)) {
    throw new Error(`Theme "${theme}" has no accent roles at ${pathToName(groupPath)}`);
  }
  return [...walkTokens(found.node, groupPath, found.inheritedType)].map(({ path, token }) => {
    const role = withoutRoot(path.slice(groupPath.length));
    const resolved = resolveTokenInTree(tree, path);
    return {
      name: ['--color-accent', ...role].join('-'),
      value: tokenValueToCss(resolved.type, token.$value, writeReference),
    };
  });
}

/** Computes every declaration of the theme CSS (exposed for tests and previews). */
export function buildThemeVariables(set: TTokenSet): TThemeVariables {
  const lightTree = resolveThemeTree(set, 'light');
  const darkTree = resolveThemeTree(set, 'dark');
  const light = tokenDeclarations(lightTree);
  const dark = tokenDeclarations(darkTree);

  const isColor = (d: TCssDeclaration) => d.name.startsWith('--color-');
  const defaultAccent = [
    ...accentSteps(lightTree, DEFAULT_SYSTEM),
    ...accentRoles(lightTree, DEFAULT_SYSTEM, 'light'),
  ];
  const names = new Set(light.map((d) => d.name));
  const motionDefaults: TCssDeclaration[] = [];
  if (names.has('--duration-fast')) {
    motionDefaults.push({ name: '--default-transition-duration', value: 'var(--duration-fast)' });
  }
  if (names.has('--ease-standard')) {
    motionDefaults.push({ name: '--default-transition-timing-function', value: 'var(--ease-standard)' });
  }
  const strip = ({ name, value }: TCssDeclaration): TCssDeclaration => ({ name, value });
  const theme = [
    ...light.filter(isColor).map(strip),
    ...defaultAccent,
    ...light.filter((d) => !isColor(d)).map(strip),
    ...motionDefaults,
  ];

  // Every token the dark file defines is re-declared, plus anything else whose value changed.
  const darkOwn = new Set([...walkTokens(set.themes.dark)].map(({ path }) => pathToName(path)));
  const lightValues = new Map(light.map((d) => [d.name, d.value]));
  const darkDeclarations = [
    ...dark.filter((d) => darkOwn.has(d.path) || lightValues.get(d.name) !== d.value).map(strip),
    ...accentRoles(darkTree, DEFAULT_SYSTEM, 'dark'),
  ];

  const systems = Object.fromEntries(
    SYSTEM_PALETTES.map((system) => [
      system,
      {
        light: [...accentSteps(lightTree, system), ...accentRoles(lightTree, system, 'light')],
        dark: accentRoles(darkTree, system, 'dark'),
      },
    ]),
  ) as TThemeVariables['systems'];

  return { theme, dark: darkDeclarations, systems };
}

const DARK_ROOT = ':root:not([data-theme="light"])';

function block(selectors: string[], declarations: TCssDeclaration[], indent: string): string {
  const body = declarations.map(({ name, value }) => `${indent}  ${name}: ${value};`).join('\n');
  return `${indent}${selectors.join(`,\n${indent}`)} {\n${body}\n${indent}}`;
}

/** First line of every generated theme stylesheet. */
export const THEME_CSS_HEADER =
  '/* Generated by @lumenforge/tokens from the Luminera token set. Do not edit: change the tokens and rebuild. */';

/**
 * The `@layer base { … }` block of the theme CSS (dark theme, system accents, reduced motion), as
 * lines. Shared by `generateThemeCss` and the runtime (no-Tailwind) export in `export/`.
 */
export function themeBaseLayerLines(variables: TThemeVariables): string[] {
  const colorScheme = (scheme: string): TCssDeclaration => ({ name: 'color-scheme', value: scheme });
  const darkRoot = [colorScheme('dark'), ...variables.dark];

  const systemBlocks = SYSTEM_PALETTES.map((system) =>
    block([`[data-system="${system}"]`], variables.systems[system].light, '  '),
  );
  // Dark roles apply to the element carrying data-system, whether data-theme sits on it or above it.
  const darkSystemBlocks = SYSTEM_PALETTES.map((system) =>
    block(
      [`[data-theme="dark"] [data-system="${system}"]`, `[data-theme="dark"][data-system="${system}"]`],
      variables.systems[system].dark,
      '  ',
    ),
  );
  const osDarkSystemBlocks = SYSTEM_PALETTES.map((system) =>
    block(
      [`${DARK_ROOT} [data-system="${system}"]`, `${DARK_ROOT}[data-system="${system}"]`],
      variables.systems[system].dark,
      '    ',
    ),
  );

  return [
    '@layer base {',
    block([':root'], [colorScheme('light')], '  '),
    '',
    '  /* Dark theme: chosen explicitly, or the OS preference unless light was chosen. */',
    block(['[data-theme="dark"]'], darkRoot, '  '),
    '  @media (prefers-color-scheme: dark) {',
    block([DARK_ROOT], darkRoot, '    '),
    '  }',
    '',
    '  /* System accents: <html data-system="spark">. */',
    systemBlocks.join('\n'),
    darkSystemBlocks.join('\n'),
    '  @media (prefers-color-scheme: dark) {',
    osDarkSystemBlocks.join('\n'),
    '  }',
    '',
    '  @media (prefers-reduced-motion: reduce) {',
    '    *,',
    '    ::before,',
    '    ::after {',
    '      animation-duration: 0.01ms !important;',
    '      animation-iteration-count: 1 !important;',
    '      transition-duration: 0.01ms !important;',
    '      scroll-behavior: auto !important;',
    '    }',
    '  }',
    '}',
  ];
}

/**
 * The Tailwind v4 theme CSS for a token set: `@theme` plus the `@layer base` rules for dark mode,
 * the six systems' accents and reduced motion. Import it after `tailwindcss`.
 */
export function generateThemeCss(set: TTokenSet): string {
  const variables = buildThemeVariables(set);
  return [
    THEME_CSS_HEADER,
    '',
    '@theme {',
    '  --color-*: initial;',
    ...variables.theme.map(({ name, value }) => `  ${name}: ${value};`),
    '}',
    '',
    ...themeBaseLayerLines(variables),
    '',
  ].join('\n');
}
