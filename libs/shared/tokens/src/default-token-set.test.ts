import { describe, expect, it } from 'vitest';
import { resolveAlias } from './alias.resolver';
import { isOklchInSrgbGamut, oklchToHex, relativeLuminance, type TOklch } from './color';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { flattenTokens } from './flatten-tokens';
import {
  ACCENT_ROLES,
  PALETTE_STEPS,
  SEMANTIC_COLORS,
  STATUS_PALETTES,
  SYSTEM_PALETTES,
} from './system-palettes';
import {
  THEME_NAMES,
  type TColorValue,
  type TDimensionValue,
  type TFlatToken,
  type TShadowValue,
} from './token.types';
import { resolveThemeTree } from './token-tree.utils';

const set = loadDefaultTokenSet();
const baseTokens = flattenTokens(set.base);
const byName = new Map(baseTokens.map((token) => [token.path.join('.'), token]));
const tokensUnder = (...prefix: string[]): TFlatToken[] =>
  baseTokens.filter((token) => prefix.every((segment, i) => token.path[i] === segment));

const PALETTES = ['neutral', ...SYSTEM_PALETTES, ...STATUS_PALETTES];
const TAILWIND_SPACING = [
  0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52,
  56, 60, 64, 72, 80, 96,
];
const TYPE_SCALE = ['xs', 'sm', 'base', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl', '6xl', '7xl', '8xl', '9xl'];

describe('loadDefaultTokenSet', () => {
  it('returns a fresh copy each time', () => {
    const a = loadDefaultTokenSet();
    const b = loadDefaultTokenSet();
    expect(a).toEqual(b);
    expect(a.base).not.toBe(b.base);
  });
});

describe('palettes', () => {
  it.each(PALETTES)('%s has all 11 steps, 50 to 950', (palette) => {
    expect(tokensUnder('color', palette).map((token) => token.path[2])).toEqual([...PALETTE_STEPS]);
  });

  it('every colour is oklch, inside sRGB, with a hex fallback that matches its components', () => {
    const colors = baseTokens.filter((token) => token.type === 'color' && !token.aliasOf);
    expect(colors.length).toBeGreaterThan(PALETTES.length * 11);
    for (const token of colors) {
      const value = token.value as TColorValue;
      const oklch = value.components as unknown as TOklch;
      expect(value.colorSpace, token.path.join('.')).toBe('oklch');
      expect(isOklchInSrgbGamut(oklch), token.path.join('.')).toBe(true);
      expect(value.hex, token.path.join('.')).toBe(oklchToHex(oklch));
    }
  });

  it('steps get darker, and each accent and status palette shares one lightness ramp', () => {
    const lightness = (palette: string) =>
      tokensUnder('color', palette).map((token) => (token.value as TColorValue).components[0] as number);
    for (const palette of PALETTES) {
      const ramp = lightness(palette);
      ramp.slice(1).forEach((l, i) => expect(l, `${palette} step ${i + 1}`).toBeLessThan(ramp[i] ?? 0));
    }
    const shared = lightness('landing');
    for (const palette of [...SYSTEM_PALETTES, ...STATUS_PALETTES])
      expect(lightness(palette)).toEqual(shared);
  });

  it('the shared ramp is perceptually even: no step more than twice another (after the 50 tint)', () => {
    const ramp = tokensUnder('color', 'landing').map(
      (token) => (token.value as TColorValue).components[0] as number,
    );
    const gaps = ramp.slice(2).map((l, i) => (ramp[i + 1] ?? 0) - l);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThanOrEqual(2);
  });

  it('step 500 of the six system palettes are distinct hues', () => {
    const hues = SYSTEM_PALETTES.filter((palette) => palette !== 'slate').map(
      (palette) => (byName.get(`color.${palette}.500`)?.value as TColorValue).components[2] as number,
    );
    const sorted = [...hues].sort((a, b) => a - b);
    sorted.slice(1).forEach((hue, i) => expect(hue - (sorted[i] ?? 0)).toBeGreaterThanOrEqual(10));
  });
});

describe('typography', () => {
  it('uses system font stacks only', () => {
    const sans = byName.get('font.family.sans')?.value as string[];
    const mono = byName.get('font.family.mono')?.value as string[];
    expect(sans.slice(0, 3)).toEqual(['ui-sans-serif', 'system-ui', '-apple-system']);
    expect(sans).toContain('Segoe UI');
    expect(sans).toContain('sans-serif');
    expect(mono.slice(0, 2)).toEqual(['ui-monospace', 'SFMono-Regular']);
    expect(mono.at(-1)).toBe('monospace');
  });

  it('has the type scale xs to 9xl with a line height for each size', () => {
    expect(tokensUnder('font', 'size').map((token) => token.path[2])).toEqual(TYPE_SCALE);
    expect(tokensUnder('font', 'line-height').map((token) => token.path[2])).toEqual(TYPE_SCALE);
    expect(byName.get('font.size.xs')?.value).toEqual({ value: 0.75, unit: 'rem' });
    expect(byName.get('font.size.9xl')?.value).toEqual({ value: 8, unit: 'rem' });
    const sizes = tokensUnder('font', 'size').map((token) => (token.value as TDimensionValue).value);
    sizes.slice(1).forEach((size, i) => expect(size).toBeGreaterThan(sizes[i] ?? 0));
    for (const token of tokensUnder('font', 'line-height')) {
      expect(token.type).toBe('number');
      expect(token.value).toBeGreaterThanOrEqual(1);
    }
  });

  it('has numeric font weights 100–900', () => {
    const weights = tokensUnder('font', 'weight');
    expect(weights.map((token) => token.value)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(weights.every((token) => token.type === 'fontWeight')).toBe(true);
  });
});

describe('spacing', () => {
  const base = byName.get('spacing.$root')?.value as TDimensionValue;
  const steps = tokensUnder('spacing').filter((token) => token.path[1] !== '$root');

  it('has a 4px base', () => {
    expect(base).toEqual({ value: 4, unit: 'px' });
  });

  it("covers Tailwind's steps 0–96", () => {
    // JavaScript lists integer-like keys ("4") before others ("0_5"), so compare sorted.
    const covered = steps.map((token) => Number(token.path[1]?.replace('_', '.'))).sort((a, b) => a - b);
    expect(covered).toEqual(TAILWIND_SPACING);
  });

  it('every step is step × 4px (whole steps are multiples of 4px)', () => {
    for (const token of steps) {
      const step = Number(token.path[1]?.replace('_', '.'));
      const value = token.value as TDimensionValue;
      expect(value.unit).toBe('px');
      expect(value.value).toBe(step * base.value);
      if (Number.isInteger(step)) expect(value.value % 4).toBe(0);
    }
  });
});

describe('radii, shadows, motion', () => {
  it('has the named scales', () => {
    expect(tokensUnder('radius').map((token) => token.path[1])).toEqual([
      'none',
      'sm',
      'md',
      'lg',
      'xl',
      '2xl',
      'full',
    ]);
    expect(tokensUnder('shadow').map((token) => token.path[1])).toEqual(['xs', 'sm', 'md', 'lg', 'xl']);
    expect(tokensUnder('duration').map((token) => token.path[1])).toEqual([
      'instant',
      'fast',
      'normal',
      'slow',
    ]);
    expect(tokensUnder('easing').map((token) => token.path[1])).toEqual([
      'standard',
      'emphasized',
      'decelerate',
      'accelerate',
    ]);
    expect(byName.get('duration.fast')?.value).toEqual({ value: 150, unit: 'ms' });
    expect(tokensUnder('easing').every((token) => token.type === 'cubicBezier')).toBe(true);
  });

  it('shadows are composite values with dimensions and a translucent colour', () => {
    for (const theme of THEME_NAMES) {
      const sm = resolveAlias(set, 'shadow.sm', theme).value as TShadowValue;
      const layers = Array.isArray(sm) ? sm : [sm];
      for (const layer of layers) {
        expect(layer.offsetY).toMatchObject({ unit: 'px' });
        expect((layer.color as TColorValue).alpha).toBeLessThan(1);
      }
    }
  });
});

describe('semantic colours', () => {
  it.each(THEME_NAMES)('%s defines every semantic colour as an alias of a base colour', (theme) => {
    const tokens = new Map(
      flattenTokens(resolveThemeTree(set, theme)).map((token) => [token.path.join('.'), token]),
    );
    const names = [
      ...SEMANTIC_COLORS,
      ...STATUS_PALETTES.flatMap((status) => [`${status}-text`, `${status}-surface`]),
    ];
    for (const name of names) {
      const token = tokens.get(`color.${name}`);
      expect(token?.type, `${theme} color.${name}`).toBe('color');
      expect(token?.aliasOf?.[0], `${theme} color.${name}`).toBe('color');
    }
    for (const system of SYSTEM_PALETTES) {
      for (const role of Object.keys(ACCENT_ROLES)) {
        expect(tokens.get(`color.accent.${system}.${role}`)?.type, `${theme} ${system} ${role}`).toBe(
          'color',
        );
      }
    }
  });

  it('dark is a real dark UI: near-black page, surfaces that step up, not an inverted light theme', () => {
    const luminance = (name: string) =>
      relativeLuminance(resolveAlias(set, `color.${name}`, 'dark').value as TColorValue);
    expect(luminance('bg')).toBeLessThan(0.01);
    expect(luminance('surface')).toBeGreaterThan(luminance('bg'));
    expect(luminance('surface-raised')).toBeGreaterThan(luminance('surface'));
    expect(luminance('surface-sunken')).toBeLessThanOrEqual(luminance('bg'));
    // Inverting light would put the accents on their 300s; dark uses its own steps instead.
    expect(resolveAlias(set, 'color.accent.spark.text', 'dark').chain.at(-1)).toEqual([
      'color',
      'spark',
      '400',
    ]);
  });
});
