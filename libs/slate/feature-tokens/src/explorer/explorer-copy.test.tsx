// What the explorer offers to copy must exist where it is pasted: every CSS variable it offers is
// declared, and every Tailwind class it offers generates a rule, in the stylesheet each of the six
// apps builds (its global.css through the real Tailwind compiler) and in the published theme the
// apps load at run time (`/api/theme.css`). Both stylesheets are parsed with postcss.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  exportRuntimeThemeCss,
  generateThemeCss,
  loadDefaultTokenSet,
  SYSTEM_PALETTES,
  tokenEntries,
  type TTokenEntry,
} from '@lumenforge/tokens';
import postcss from 'postcss';
import { renderToStaticMarkup } from 'react-dom/server';
import { compile } from 'tailwindcss';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenExplorer } from './token-explorer';

const require = createRequire(import.meta.url);
const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..');

const set = loadDefaultTokenSet();
const entries = {
  light: tokenEntries(set, { theme: 'light', resolved: true }),
  dark: tokenEntries(set, { theme: 'dark', resolved: true }),
};

/** The texts of the explorer's copy buttons (their accessible names say what each copies). */
function offeredCopies(html: string): { variables: Set<string>; classes: Set<string> } {
  const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  const variables = new Set<string>();
  const classes = new Set<string>();
  for (const [, variable] of html.matchAll(/aria-label="Copy CSS variable var\((--[^)"]+)\)"/g))
    variables.add(decode(variable as string));
  for (const [, className] of html.matchAll(/aria-label="Copy Tailwind class ([^"]+)"/g))
    classes.add(decode(className as string));
  return { variables, classes };
}

/** Custom properties declared anywhere in a stylesheet, and the class selectors it has rules for. */
function declaredIn(css: string): { variables: Set<string>; classSelectors: Set<string> } {
  const root = postcss.parse(css);
  const variables = new Set<string>();
  const classSelectors = new Set<string>();
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--')) variables.add(decl.prop);
  });
  root.walkRules((rule) => {
    for (const selector of rule.selectors) if (selector.startsWith('.')) classSelectors.add(selector);
  });
  return { variables, classSelectors };
}

/** `.p-0\.5` for `p-0.5`: a class name as it appears in a selector. */
const classSelector = (className: string) => `.${className.replace(/[^\w-]/g, (c) => `\\${c}`)}`;

/** An app's global.css compiled by Tailwind as its build does, with `candidates` used in its source. */
async function buildAppCss(app: string, candidates: readonly string[]): Promise<string> {
  const entry = join(WORKSPACE_ROOT, 'apps', app, 'src', 'app', 'global.css');
  const themeCss = generateThemeCss(set);
  const compiler = await compile(await readFile(entry, 'utf8'), {
    base: dirname(entry),
    loadStylesheet: async (id, base) => {
      // The build-time theme is generated from the default set, exactly as `nx build tokens` writes it.
      if (id === '@lumenforge/tokens/theme.css') return { path: id, base, content: themeCss };
      const path = require.resolve(id === 'tailwindcss' ? 'tailwindcss/index.css' : id, { paths: [base] });
      return { path, base: dirname(path), content: await readFile(path, 'utf8') };
    },
  });
  return compiler.build([...candidates]);
}

describe('the explorer offers only what the apps define', () => {
  const offered = { variables: new Set<string>(), classes: new Set<string>() };

  beforeAll(() => {
    // What the page renders (light), plus what the dark preview shows after the theme switch.
    const html = renderToStaticMarkup(<TokenExplorer version={null} entries={entries} canWrite={false} />);
    const fromPage = offeredCopies(html);
    const fromDark = (list: TTokenEntry[]) => ({
      variables: list.map((entry) => entry.cssVariable),
      classes: list.flatMap((entry) => (entry.tailwindClass ? [entry.tailwindClass] : [])),
    });
    for (const variable of [...fromPage.variables, ...fromDark(entries.dark).variables])
      offered.variables.add(variable);
    for (const className of [...fromPage.classes, ...fromDark(entries.dark).classes])
      offered.classes.add(className);
  });

  it('offers a CSS variable for every token and a Tailwind class for most', () => {
    expect(offered.variables.size).toBe(new Set(entries.light.map((entry) => entry.cssVariable)).size);
    expect(offered.variables).toContain('--color-accent-spark');
    expect(offered.variables).toContain('--spacing-4');
    expect(offered.classes).toContain('bg-accent-spark');
    expect(offered.classes.size).toBeGreaterThan(150);
  });

  // Each system's palette is named after its app.
  it.each(SYSTEM_PALETTES)(
    '%s: its built stylesheet declares every offered variable and has every offered class',
    async (app) => {
      // A developer pastes `var(--x)` or the class into the app's source: Tailwind sees it there.
      const css = await buildAppCss(app, [...offered.variables, ...offered.classes]);
      const { variables, classSelectors } = declaredIn(css);
      expect([...offered.variables].filter((name) => !variables.has(name))).toEqual([]);
      expect([...offered.classes].filter((name) => !classSelectors.has(classSelector(name)))).toEqual([]);
    },
  );

  it('the run-time theme (/api/theme.css, loaded by every signed-in page) declares every offered variable in both themes', () => {
    const root = postcss.parse(exportRuntimeThemeCss(set));
    const light = new Set<string>();
    const dark = new Set<string>();
    root.walkRules((rule) => {
      const target = rule.selector.includes('[data-theme="dark"]')
        ? dark
        : rule.selectors.some((s) => s === ':root' || s === ':host')
          ? light
          : null;
      rule.walkDecls((decl) => {
        if (decl.prop.startsWith('--')) target?.add(decl.prop);
      });
    });
    expect([...offered.variables].filter((name) => !light.has(name))).toEqual([]);
    // Every token whose value (aliases as var()) differs in the dark theme is re-declared there.
    const asWritten = (theme: 'light' | 'dark') => tokenEntries(set, { theme, resolved: false });
    const lightCss = new Map(asWritten('light').map((entry) => [entry.path, entry.css]));
    const themedColours = asWritten('dark')
      .filter((entry) => lightCss.get(entry.path) !== entry.css)
      .map((entry) => entry.cssVariable);
    expect(themedColours).toContain('--color-accent-spark');
    expect(themedColours.filter((name) => !dark.has(name))).toEqual([]);
  });
});
