import { describe, expect, it } from 'vitest';
import {
  clampRgb,
  colorValueToSrgb,
  contrastRatio,
  hexToOklch,
  hexToRgb,
  isOklchInSrgbGamut,
  maxSrgbChroma,
  oklchToHex,
  oklchToSrgb,
  relativeLuminance,
  rgbToHex,
  srgbToOklch,
} from './color';

describe('oklchToHex', () => {
  it.each([
    [[0.628, 0.2577, 29.23], '#ff0000'],
    [[0.8664, 0.2948, 142.5], '#00ff00'],
    [[0.452, 0.3132, 264.05], '#0000ff'],
    [[1, 0, 0], '#ffffff'],
    [[0, 0, 0], '#000000'],
    [[0.5999, 0, 0], '#808080'],
  ] as const)('oklch(%j) is %s', (oklch, hex) => {
    expect(oklchToHex(oklch)).toBe(hex);
  });

  it('clamps out-of-gamut colours instead of producing invalid hex', () => {
    const vivid = [0.7, 0.4, 145] as const;
    expect(isOklchInSrgbGamut(vivid)).toBe(false);
    expect(oklchToSrgb(vivid).some((channel) => channel < 0 || channel > 1)).toBe(true);
    expect(oklchToHex(vivid)).toMatch(/^#[0-9a-f]{6}$/);
    expect(clampRgb([-0.2, 0.5, 1.3])).toEqual([0, 0.5, 1]);
  });
});

describe('srgbToOklch', () => {
  it('inverts oklchToSrgb', () => {
    const [l, c, h] = hexToOklch('#3b82f6');
    expect(l).toBeCloseTo(0.623, 3);
    expect(c).toBeCloseTo(0.188, 3);
    expect(h).toBeCloseTo(259.8, 0);
    expect(oklchToHex([l, c, h])).toBe('#3b82f6');
  });

  it('gives achromatic colours zero chroma and hue', () => {
    const [l, c, h] = srgbToOklch([0.5, 0.5, 0.5]);
    expect(l).toBeGreaterThan(0.59);
    expect(c).toBeLessThan(1e-6);
    expect(h).toBe(0);
  });
});

describe('hex helpers', () => {
  it('parses short and long hex and rejects garbage', () => {
    expect(hexToRgb('#fff')).toEqual([1, 1, 1]);
    expect(rgbToHex(hexToRgb('#1A2b3C'))).toBe('#1a2b3c');
    expect(() => hexToRgb('red')).toThrow(/Not a hex colour/);
  });
});

describe('maxSrgbChroma', () => {
  it('finds the gamut boundary', () => {
    const max = maxSrgbChroma(0.7, 145);
    expect(isOklchInSrgbGamut([0.7, max, 145])).toBe(true);
    expect(isOklchInSrgbGamut([0.7, max + 0.005, 145])).toBe(false);
    expect(maxSrgbChroma(1, 0)).toBeLessThan(0.001);
  });
});

describe('colorValueToSrgb', () => {
  it('converts oklch, srgb and srgb-linear, and falls back to hex for other spaces', () => {
    expect(rgbToHex(colorValueToSrgb({ colorSpace: 'oklch', components: [0.628, 0.2577, 29.23] }))).toBe(
      '#ff0000',
    );
    expect(rgbToHex(colorValueToSrgb({ colorSpace: 'srgb', components: [0, 0.5, 1] }))).toBe('#0080ff');
    expect(
      rgbToHex(colorValueToSrgb({ colorSpace: 'srgb-linear', components: [0.2158, 0.2158, 0.2158] })),
    ).toBe('#808080');
    expect(
      rgbToHex(colorValueToSrgb({ colorSpace: 'display-p3', components: [1, 0, 0], hex: '#ff0000' })),
    ).toBe('#ff0000');
    expect(() => colorValueToSrgb({ colorSpace: 'lab', components: [50, 0, 0] })).toThrow(/hex fallback/);
  });

  it('treats "none" components as zero', () => {
    expect(rgbToHex(colorValueToSrgb({ colorSpace: 'oklch', components: [1, 'none', 'none'] }))).toBe(
      '#ffffff',
    );
  });
});

describe('WCAG 2.2 contrast', () => {
  it('is 21:1 for black on white, either way round', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#000')).toBeCloseTo(21, 10);
  });

  it('is 1:1 for identical colours', () => {
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('matches known reference ratios', () => {
    // #767676 is the classic lightest grey with 4.5:1 on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(8.59, 2);
  });

  it('computes relative luminance from any colour input', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance({ colorSpace: 'oklch', components: [0.628, 0.2577, 29.23] })).toBeCloseTo(
      0.2126,
      3,
    );
  });
});
