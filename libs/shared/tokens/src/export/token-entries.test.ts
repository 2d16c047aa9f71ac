import { describe, expect, it } from 'vitest';
import { colorToCss } from '../css-value.formatter';
import { loadDefaultTokenSet } from '../default-token-set.loader';
import type { TColorValue, TTokenSet } from '../token.types';
import {
  filterEntriesByCategory,
  TOKEN_CATEGORIES,
  tokenEntries,
  type TTokenCategory,
  type TTokenEntry,
} from './token-entries';

const set = loadDefaultTokenSet();
const light = tokenEntries(set, { theme: 'light', resolved: true });
const dark = tokenEntries(set, { theme: 'dark', resolved: true });
const raw = tokenEntries(set, { theme: 'light', resolved: false });
const byPath = (entries: readonly TTokenEntry[], path: string): TTokenEntry => {
  const entry = entries.find((e) => e.path === path);
  if (!entry) throw new Error(`No entry ${path}`);
  return entry;
};

describe('tokenEntries', () => {
  it('lists every token of the theme merged over the base, in document order', () => {
    expect(light[0]?.path).toBe('color.white');
    expect(light.map((e) => e.path)).toContain('color.bg');
    expect(light.map((e) => e.path)).toContain('color.accent.spark.$root');
    expect(new Set(light.map((e) => e.path)).size).toBe(light.length);
    expect(raw.map((e) => e.path)).toEqual(light.map((e) => e.path));
  });

  it('resolves aliases to literals, per theme', () => {
    const bgLight = byPath(light, 'color.bg');
    const bgDark = byPath(dark, 'color.bg');
    expect(bgLight.type).toBe('color');
    expect(bgLight.aliasOf).toBe('color.neutral.50');
    expect(bgLight.value).toEqual(byPath(light, 'color.neutral.50').value);
    expect(bgLight.css).toBe(colorToCss(byPath(light, 'color.neutral.50').value as TColorValue));
    expect(bgDark.css).not.toBe(bgLight.css);
    expect(bgDark.aliasOf).toBe('color.neutral.950');
    expect(bgLight.description).toBe('Page background.');
  });

  it('keeps the $value as written when not resolved, aliases as var()', () => {
    const bg = byPath(raw, 'color.bg');
    expect(bg.value).toBe('{color.neutral.50}');
    expect(bg.css).toBe('var(--color-neutral-50)');
    const shadow = byPath(raw, 'shadow.sm');
    expect(shadow.css).toMatch(/var\(--color-shadow\)/);
    expect(byPath(light, 'shadow.sm').css).not.toMatch(/var\(/);
  });

  it('names the CSS variable of the app theme', () => {
    expect(byPath(light, 'color.bg').cssVariable).toBe('--color-bg');
    expect(byPath(light, 'font.size.xs').cssVariable).toBe('--text-xs');
    expect(byPath(light, 'spacing.$root').cssVariable).toBe('--spacing');
    expect(byPath(light, 'spacing.4').cssVariable).toBe('--spacing-4');
    expect(byPath(light, 'color.accent.spark.$root').cssVariable).toBe('--color-accent-spark');
    expect(byPath(light, 'easing.standard').cssVariable).toBe('--ease-standard');
  });

  it('gives the best Tailwind utility', () => {
    const expected: Record<string, string | undefined> = {
      'color.surface': 'bg-surface',
      'color.spark.500': 'bg-spark-500',
      'color.accent.spark.$root': 'bg-accent-spark',
      'color.accent.spark.text': 'bg-accent-spark-text',
      'font.size.xs': 'text-xs',
      'font.weight.semibold': 'font-semibold',
      'font.family.sans': 'font-sans',
      'spacing.4': 'p-4',
      'spacing.0_5': 'p-0.5',
      'spacing.$root': undefined,
      'radius.md': 'rounded-md',
      'shadow.sm': 'shadow-sm',
      'easing.standard': 'ease-standard',
      'duration.fast': 'duration-(--duration-fast)',
    };
    for (const [path, tailwindClass] of Object.entries(expected)) {
      expect(byPath(light, path).tailwindClass, path).toBe(tailwindClass);
    }
  });

  it('carries $deprecated and works on a small hand-made set', () => {
    const small: TTokenSet = {
      base: {
        size: {
          $type: 'dimension',
          $root: { $value: { value: 4, unit: 'px' } },
          old: { $value: '{size.$root}', $deprecated: 'Use size' },
        },
      },
      themes: {
        light: {},
        dark: { size: { $type: 'dimension', $root: { $value: { value: 8, unit: 'px' } } } },
      },
    };
    const [root, old] = tokenEntries(small, { theme: 'dark', resolved: true });
    expect(root).toMatchObject({ path: 'size.$root', css: '8px', cssVariable: '--size' });
    expect(old).toMatchObject({
      path: 'size.old',
      css: '8px',
      aliasOf: 'size.$root',
      deprecated: 'Use size',
    });
    expect(old?.tailwindClass).toBeUndefined();
  });
});

describe('filterEntriesByCategory', () => {
  it('splits the default set by first path segment', () => {
    const counts = Object.fromEntries(
      (Object.keys(TOKEN_CATEGORIES) as TTokenCategory[]).map((c) => [
        c,
        filterEntriesByCategory(light, c).length,
      ]),
    );
    expect(counts.colors).toBe(light.filter((e) => e.path.startsWith('color.')).length);
    expect(
      filterEntriesByCategory(light, 'animation').every((e) => /^(duration|easing)\./.test(e.path)),
    ).toBe(true);
    expect(filterEntriesByCategory(light, 'spacing').map((e) => e.path)).toContain('spacing.0_5');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(light.length);
  });

  it('puts typography and transition tokens anywhere in typography and animation', () => {
    const entry = (path: string, type: string): TTokenEntry =>
      ({ path, type, value: null, cssVariable: '--x', css: '' }) as unknown as TTokenEntry;
    const entries = [
      entry('text.body', 'typography'),
      entry('motion.enter', 'transition'),
      entry('font.size.xs', 'dimension'),
    ];
    expect(filterEntriesByCategory(entries, 'typography').map((e) => e.path)).toEqual([
      'text.body',
      'font.size.xs',
    ]);
    expect(filterEntriesByCategory(entries, 'animation').map((e) => e.path)).toEqual(['motion.enter']);
  });
});
