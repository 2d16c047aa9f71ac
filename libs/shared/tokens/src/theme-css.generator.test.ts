import postcss, { type ChildNode, type Root } from 'postcss';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAlias } from './alias.resolver';
import { colorToCss } from './css-value.formatter';
import { loadDefaultTokenSet } from './default-token-set.loader';
import {
  ACCENT_ROLES,
  PALETTE_STEPS,
  SEMANTIC_COLORS,
  STATUS_PALETTES,
  SYSTEM_PALETTES,
  type TSystemPalette,
} from './system-palettes';
import { cssVariableName, generateThemeCss } from './theme-css.generator';
import type { TColorValue, TThemeName } from './token.types';

// --- The generated file as a tree (parsed by postcss) and a small cascade over it ---------------

type TCssNode = { prelude: string; declarations: [string, string][]; children: TCssNode[] };

/** postcss's tree reduced to what the cascade below reads: preludes, declarations, nesting. */
function toCssNode(container: Root | ChildNode, prelude: string): TCssNode {
  const node: TCssNode = { prelude, declarations: [], children: [] };
  if (!('nodes' in container) || !container.nodes) return node;
  for (const child of container.nodes) {
    if (child.type === 'decl')
      node.declarations.push([child.prop, child.important ? `${child.value} !important` : child.value]);
    else if (child.type === 'rule') node.children.push(toCssNode(child, child.selector.replace(/\s+/g, ' ')));
    else if (child.type === 'atrule')
      node.children.push(toCssNode(child, `@${child.name} ${child.params}`.trim().replace(/\s+/g, ' ')));
  }
  return node;
}

const parseCss = (css: string): TCssNode => toCssNode(postcss.parse(css), '');

const child = (node: TCssNode, prelude: string): TCssNode => {
  const found = node.children.find((c) => c.prelude === prelude);
  if (!found) throw new Error(`No "${prelude}" in "${node.prelude}"`);
  return found;
};
const declarations = (node: TCssNode) => new Map(node.declarations);

type TElement = { attributes: Record<string, string>; parent?: TElement };

/** Matches the selector grammar the generator writes: :root, [a="v"], :not([a="v"]), descendant. */
function matches(selector: string, element: TElement): boolean {
  const compounds = selector.trim().split(/\s+/);
  const matchCompound = (compound: string, el: TElement): boolean => {
    let rest = compound;
    if (rest.startsWith(':root')) {
      if (el.parent) return false;
      rest = rest.slice(':root'.length);
    }
    for (const [, not, name, value] of rest.matchAll(/(:not\()?\[([\w-]+)="([^"]*)"\]\)?/g)) {
      const has = el.attributes[name as string] === value;
      if (not ? has : !has) return false;
    }
    return rest.replace(/(:not\()?\[([\w-]+)="([^"]*)"\]\)?/g, '') === '';
  };
  const last = compounds[compounds.length - 1] as string;
  if (!matchCompound(last, element)) return false;
  let ancestor = element.parent;
  for (let i = compounds.length - 2; i >= 0; i -= 1) {
    while (ancestor && !matchCompound(compounds[i] as string, ancestor)) ancestor = ancestor.parent;
    if (!ancestor) return false;
    ancestor = ancestor.parent;
  }
  return true;
}

const specificity = (selector: string) =>
  (selector.match(/\[/g)?.length ?? 0) + (selector.match(/:root/g)?.length ?? 0);

type TRule = { selectors: string[]; declarations: [string, string][]; order: number };

/** Rules of `@layer base` that apply for an OS colour-scheme preference. */
function baseRules(base: TCssNode, os: 'light' | 'dark'): TRule[] {
  const rules: TRule[] = [];
  const visit = (node: TCssNode) => {
    for (const c of node.children) {
      if (c.prelude.startsWith('@media')) {
        if (c.prelude === '@media (prefers-color-scheme: dark)' && os === 'dark') visit(c);
      } else {
        rules.push({
          selectors: c.prelude.split(',').map((s) => s.trim()),
          declarations: c.declarations,
          order: rules.length,
        });
      }
    }
  };
  visit(base);
  return rules;
}

/** The computed value of a custom property on an element, `var()`s substituted, like a browser. */
function computed(sheet: TCssNode, os: 'light' | 'dark', element: TElement, name: string): string {
  const theme = declarations(child(sheet, '@theme'));
  const rules = baseRules(child(sheet, '@layer base'), os);
  const declared = (el: TElement): string | undefined => {
    let best: { value: string; specificity: number; order: number } | undefined;
    for (const rule of rules) {
      const hit = rule.selectors.filter((s) => matches(s, el)).map(specificity);
      const value = rule.declarations.find(([n]) => n === name)?.[1];
      if (hit.length === 0 || value === undefined) continue;
      const spec = Math.max(...hit);
      if (!best || spec > best.specificity || (spec === best.specificity && rule.order > best.order)) {
        best = { value, specificity: spec, order: rule.order };
      }
    }
    // @theme lands in Tailwind's `theme` layer on :root, below every base-layer rule.
    return best?.value ?? (el.parent ? undefined : theme.get(name));
  };
  const own = declared(element);
  if (own === undefined) {
    if (!element.parent) throw new Error(`${name} is not defined on :root`);
    return computed(sheet, os, element.parent, name);
  }
  return own.replace(/var\((--[\w-]+)\)/g, (_, ref: string) => computed(sheet, os, element, ref));
}

// --- Tests ---------------------------------------------------------------------------------------

const set = loadDefaultTokenSet();
let sheet: TCssNode;
let theme: Map<string, string>;
let base: TCssNode;

beforeAll(() => {
  sheet = parseCss(generateThemeCss(set));
  theme = declarations(child(sheet, '@theme'));
  base = child(sheet, '@layer base');
});

const OKLCH = /^oklch\((0|1|0\.\d+) (0|0\.\d+) (\d+(\.\d+)?)\)$/;
const PALETTES = ['neutral', ...SYSTEM_PALETTES, ...STATUS_PALETTES];
const SEMANTIC = [
  ...SEMANTIC_COLORS,
  ...STATUS_PALETTES.flatMap((status) => [`${status}-text`, `${status}-surface`]),
];
const ROLE_VARIABLES = Object.values(ACCENT_ROLES);
const expectedColor = (path: string, themeName: TThemeName) =>
  colorToCss(resolveAlias(set, path, themeName).value as TColorValue);

describe('generateThemeCss: @theme', () => {
  it('has exactly @theme and @layer base at the top level', () => {
    expect(sheet.children.map((c) => c.prelude)).toEqual(['@theme', '@layer base']);
  });

  it('resets Tailwind colours first, so only the Luminera palette exists', () => {
    expect(child(sheet, '@theme').declarations[0]).toEqual(['--color-*', 'initial']);
  });

  it('declares every palette step as an oklch() colour', () => {
    for (const palette of PALETTES) {
      for (const step of PALETTE_STEPS) {
        expect(theme.get(`--color-${palette}-${step}`), `${palette}-${step}`).toMatch(OKLCH);
      }
    }
  });

  it('declares every semantic colour with its light value, as a var() of a palette colour', () => {
    for (const name of SEMANTIC) {
      const value = theme.get(`--color-${name}`);
      // A palette step, or the base greys for subtle text (between two neutral steps).
      expect(value, name).toMatch(/^var\(--color-([a-z]+(-\d+)?|subtle-on-light)\)$/);
      expect(computed(sheet, 'light', { attributes: {} }, `--color-${name}`)).toBe(
        expectedColor(`color.${name}`, 'light'),
      );
    }
  });

  it('maps the default accent to landing', () => {
    for (const step of PALETTE_STEPS)
      expect(theme.get(`--color-accent-${step}`)).toBe(`var(--color-landing-${step})`);
    for (const variable of ROLE_VARIABLES)
      expect(theme.get(variable), variable).toMatch(/^var\(--color-(landing|white|neutral)/);
  });

  it('declares fonts, type scale, weights, spacing, radii, shadows and motion', () => {
    expect(theme.get('--font-sans')).toMatch(/^ui-sans-serif, system-ui, -apple-system, .*"Segoe UI"/);
    expect(theme.get('--font-mono')).toMatch(/^ui-monospace, SFMono-Regular, .*monospace$/);
    for (const size of [
      'xs',
      'sm',
      'base',
      'lg',
      'xl',
      '2xl',
      '3xl',
      '4xl',
      '5xl',
      '6xl',
      '7xl',
      '8xl',
      '9xl',
    ]) {
      expect(theme.get(`--text-${size}`), size).toMatch(/^\d+(\.\d+)?rem$/);
      expect(Number(theme.get(`--text-${size}--line-height`)), size).toBeGreaterThanOrEqual(1);
    }
    expect(theme.get('--text-xs')).toBe('0.75rem');
    expect(theme.get('--font-weight-semibold')).toBe('600');
    expect(theme.get('--spacing')).toBe('0.25rem');
    for (const radius of ['none', 'sm', 'md', 'lg', 'xl', '2xl', 'full'])
      expect(theme.get(`--radius-${radius}`)).toMatch(/^\d+px$/);
    for (const shadow of ['xs', 'sm', 'md', 'lg', 'xl']) {
      expect(theme.get(`--shadow-${shadow}`)).toMatch(
        /^(-?\d+px ){4}var\(--color-shadow\)(, (-?\d+px ){4}var\(--color-shadow\))*$/,
      );
    }
    expect(theme.get('--ease-standard')).toBe('cubic-bezier(0.2, 0, 0, 1)');
    expect(theme.get('--duration-fast')).toBe('150ms');
    expect(theme.get('--default-transition-duration')).toBe('var(--duration-fast)');
  });

  it('never references a variable it does not declare', () => {
    const declared = new Set(theme.keys());
    const css = generateThemeCss(set);
    for (const [, name] of css.matchAll(/var\((--[\w-]+)\)/g))
      expect(declared.has(name as string), name).toBe(true);
  });
});

describe('generateThemeCss: @layer base', () => {
  it('re-declares every semantic colour for [data-theme="dark"] and for the OS preference', () => {
    const dark = declarations(child(base, '[data-theme="dark"]'));
    const osDark = declarations(
      child(child(base, '@media (prefers-color-scheme: dark)'), ':root:not([data-theme="light"])'),
    );
    expect(osDark).toEqual(dark);
    expect(dark.get('color-scheme')).toBe('dark');
    for (const name of SEMANTIC) expect(dark.has(`--color-${name}`), name).toBe(true);
    for (const variable of ROLE_VARIABLES) expect(dark.has(variable), variable).toBe(true);
  });

  it.each(SYSTEM_PALETTES)('has a [data-system="%s"] block with all accent steps and roles', (system) => {
    const block = declarations(child(base, `[data-system="${system}"]`));
    for (const step of PALETTE_STEPS)
      expect(block.get(`--color-accent-${step}`)).toBe(`var(--color-${system}-${step})`);
    for (const variable of ROLE_VARIABLES) expect(block.get(variable), variable).toMatch(/^var\(--color-/);
    const dark = declarations(
      child(
        base,
        `[data-theme="dark"] [data-system="${system}"], [data-theme="dark"][data-system="${system}"]`,
      ),
    );
    expect([...dark.keys()].sort()).toEqual([...ROLE_VARIABLES].sort());
  });

  it('cuts motion for prefers-reduced-motion', () => {
    const rule = declarations(
      child(child(base, '@media (prefers-reduced-motion: reduce)'), '*, ::before, ::after'),
    );
    expect(rule.get('animation-duration')).toBe('0.01ms !important');
    expect(rule.get('transition-duration')).toBe('0.01ms !important');
    expect(rule.get('scroll-behavior')).toBe('auto !important');
  });
});

describe('generateThemeCss: the cascade apps get', () => {
  const html = (attributes: Record<string, string>): TElement => ({ attributes });
  const cases: [string, Record<string, string>, 'light' | 'dark', TThemeName][] = [
    ['OS light, no choice', {}, 'light', 'light'],
    ['OS dark, no choice', {}, 'dark', 'dark'],
    ['OS dark, light chosen', { 'data-theme': 'light' }, 'dark', 'light'],
    ['OS light, dark chosen', { 'data-theme': 'dark' }, 'light', 'dark'],
    ['OS dark, dark chosen', { 'data-theme': 'dark' }, 'dark', 'dark'],
  ];

  describe.each(cases)('%s', (_, themeAttributes, os, expectedTheme) => {
    it.each(SYSTEM_PALETTES)('<html data-system="%s"> gets that system accent', (system: TSystemPalette) => {
      const root = html({ ...themeAttributes, 'data-system': system });
      for (const [role, variable] of Object.entries(ACCENT_ROLES)) {
        expect(computed(sheet, os, root, variable), variable).toBe(
          expectedColor(`color.accent.${system}.${role}`, expectedTheme),
        );
      }
      expect(computed(sheet, os, root, '--color-accent-300')).toBe(
        expectedColor(`color.${system}.300`, expectedTheme),
      );
      for (const name of SEMANTIC) {
        expect(computed(sheet, os, root, `--color-${name}`), name).toBe(
          expectedColor(`color.${name}`, expectedTheme),
        );
      }
    });

    it('without data-system the accent is landing', () => {
      const root = html(themeAttributes);
      expect(computed(sheet, os, root, '--color-accent-text')).toBe(
        expectedColor('color.accent.landing.text', expectedTheme),
      );
    });

    it('a nested [data-system] (a card per system) gets its own accent in the page theme', () => {
      const root = html({ ...themeAttributes, 'data-system': 'spark' });
      const card: TElement = { attributes: { 'data-system': 'waypoint' }, parent: root };
      const inner: TElement = { attributes: {}, parent: card };
      expect(computed(sheet, os, inner, '--color-accent')).toBe(
        expectedColor('color.accent.waypoint.$root', expectedTheme),
      );
      expect(computed(sheet, os, root, '--color-accent')).toBe(
        expectedColor('color.accent.spark.$root', expectedTheme),
      );
    });
  });
});

describe('cssVariableName', () => {
  it('maps token paths onto Tailwind v4 namespaces', () => {
    expect(cssVariableName(['color', 'neutral', '50'])).toBe('--color-neutral-50');
    expect(cssVariableName(['color', 'accent', 'spark', 'text'])).toBe('--color-accent-spark-text');
    expect(cssVariableName(['color', 'accent', 'spark', '$root'])).toBe('--color-accent-spark');
    expect(cssVariableName(['font', 'size', '2xl'])).toBe('--text-2xl');
    expect(cssVariableName(['font', 'line-height', '2xl'])).toBe('--text-2xl--line-height');
    expect(cssVariableName(['font', 'weight', 'bold'])).toBe('--font-weight-bold');
    expect(cssVariableName(['font', 'family', 'mono'])).toBe('--font-mono');
    expect(cssVariableName(['spacing', '$root'])).toBe('--spacing');
    expect(cssVariableName(['spacing', '4'])).toBe('--spacing-4');
    expect(cssVariableName(['easing', 'standard'])).toBe('--ease-standard');
    expect(cssVariableName(['z', 'index', '$root'])).toBe('--z-index');
  });
});
