/**
 * The app theme as CSS: the Tailwind v4 `@theme` stylesheet the apps build with, and the same
 * cascade as plain browser CSS that a page can load at run time (SLATE's live preview) over the
 * build-time theme to restyle itself without a rebuild.
 */
import {
  buildThemeVariables,
  generateThemeCss,
  THEME_CSS_HEADER,
  themeBaseLayerLines,
} from '../theme-css.generator';
import type { TTokenSet } from '../token.types';

/** The Tailwind v4 theme CSS (`@theme` + `@layer base`), exactly what `nx build tokens` writes. */
export function exportTailwindTheme(set: TTokenSet): string {
  return generateThemeCss(set);
}

/**
 * The theme's cascade with no Tailwind directives: the `@theme` variables become
 * `@layer theme { :root, :host { … } }` (where Tailwind compiles `@theme` to; Tailwind's palette
 * reset `--color-*: initial` is dropped, it means nothing outside Tailwind), followed by the same
 * `@layer base` rules. Loaded after the app's stylesheet it overrides the build-time values, layer
 * for layer, so utilities such as `bg-surface` pick up the new tokens.
 */
export function exportRuntimeThemeCss(set: TTokenSet): string {
  const variables = buildThemeVariables(set);
  return [
    THEME_CSS_HEADER,
    '',
    '@layer theme {',
    '  :root,',
    '  :host {',
    ...variables.theme.map(({ name, value }) => `    ${name}: ${value};`),
    '  }',
    '}',
    '',
    ...themeBaseLayerLines(variables),
    '',
  ].join('\n');
}
