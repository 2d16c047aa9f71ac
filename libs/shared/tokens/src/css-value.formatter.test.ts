import { describe, expect, it } from 'vitest';
import { contrastRatio } from './color';
import {
  colorToHex,
  colorToSrgb,
  displayP3ToSrgb,
  tokenValueToCss,
  type TReferenceToCss,
} from './css-value.formatter';
import type { TColorValue, TTokenType } from './token.types';

const ref: TReferenceToCss = (path) => `var(--${path.join('-')})`;
const red: TColorValue = { colorSpace: 'oklch', components: [0.628, 0.2577, 29.23] };
const px = (value: number) => ({ value, unit: 'px' as const });
const css = (type: TTokenType, value: unknown) => tokenValueToCss(type, value as never, ref);

describe('tokenValueToCss', () => {
  it('writes the base types', () => {
    expect(css('color', { ...red, alpha: 0.5 })).toBe('oklch(0.628 0.2577 29.23 / 0.5)');
    expect(css('dimension', { value: 1.5, unit: 'rem' })).toBe('1.5rem');
    expect(css('duration', { value: 150, unit: 'ms' })).toBe('150ms');
    expect(css('cubicBezier', [0.2, 0, 0, 1])).toBe('cubic-bezier(0.2, 0, 0, 1)');
    expect(css('fontFamily', ['Helvetica Neue', 'sans-serif'])).toBe('"Helvetica Neue", sans-serif');
    expect(css('fontWeight', 'semi-bold')).toBe('600');
    expect(css('number', 1 / 3)).toBe('0.3333');
    expect(css('color', '{color.fg}')).toBe('var(--color-fg)');
  });

  it('writes stroke styles: keywords as they are, dash patterns as dashed', () => {
    expect(css('strokeStyle', 'dotted')).toBe('dotted');
    expect(css('strokeStyle', { dashArray: [px(4), '{size.gap}'], lineCap: 'round' })).toBe('dashed');
  });

  it('writes a border as width style colour', () => {
    expect(css('border', { color: red, width: px(1), style: 'solid' })).toBe(
      '1px solid oklch(0.628 0.2577 29.23)',
    );
    expect(css('border', { color: '{color.line}', width: '{size.hair}', style: '{stroke.dash}' })).toBe(
      'var(--size-hair) var(--stroke-dash) var(--color-line)',
    );
  });

  it('writes a transition as duration timing-function delay', () => {
    expect(
      css('transition', {
        duration: { value: 150, unit: 'ms' },
        delay: { value: 0, unit: 'ms' },
        timingFunction: [0.2, 0, 0, 1],
      }),
    ).toBe('150ms cubic-bezier(0.2, 0, 0, 1) 0ms');
    expect(
      css('transition', {
        duration: '{duration.fast}',
        delay: { value: 1, unit: 's' },
        timingFunction: '{easing.standard}',
      }),
    ).toBe('var(--duration-fast) var(--easing-standard) 1s');
  });

  it('writes a gradient as its colour stops', () => {
    expect(
      css('gradient', [
        { color: red, position: 0 },
        { color: '{color.bg}', position: 1 },
      ]),
    ).toBe('oklch(0.628 0.2577 29.23) 0%, var(--color-bg) 100%');
    expect(css('gradient', [{ color: red, position: '{ratio.half}' }])).toBe(
      'oklch(0.628 0.2577 29.23) calc(var(--ratio-half) * 100%)',
    );
  });

  it('writes typography as the font shorthand', () => {
    expect(
      css('typography', {
        fontFamily: ['Inter', 'sans-serif'],
        fontSize: { value: 1, unit: 'rem' },
        fontWeight: 600,
        letterSpacing: px(0),
        lineHeight: 1.5,
      }),
    ).toBe('600 1rem/1.5 Inter, sans-serif');
    expect(
      css('typography', {
        fontFamily: '{font.sans}',
        fontSize: '{font.size.base}',
        fontWeight: 'bold',
        letterSpacing: px(0),
        lineHeight: '{font.line-height.base}',
      }),
    ).toBe('700 var(--font-size-base)/var(--font-line-height-base) var(--font-sans)');
  });

  it('writes shadows', () => {
    expect(
      css('shadow', [
        { color: red, offsetX: px(0), offsetY: px(1), blur: px(2), spread: px(0), inset: true },
        { color: '{color.shadow}', offsetX: px(0), offsetY: px(4), blur: px(8), spread: px(-2) },
      ]),
    ).toBe('inset 0px 1px 2px 0px oklch(0.628 0.2577 29.23), 0px 4px 8px -2px var(--color-shadow)');
  });
});

describe('colorToHex / colorToSrgb', () => {
  it('converts srgb, oklch and display-p3', () => {
    expect(colorToHex({ colorSpace: 'srgb', components: [1, 0.5, 0] })).toBe('#ff8000');
    expect(colorToHex(red)).toBe('#ff0000');
    expect(colorToHex({ colorSpace: 'display-p3', components: [1, 1, 1] })).toBe('#ffffff');
    expect(colorToHex({ colorSpace: 'display-p3', components: [0, 0, 0] })).toBe('#000000');
    // p3 red is outside sRGB: clamped to sRGB red.
    expect(colorToHex({ colorSpace: 'display-p3', components: [1, 0, 0] })).toBe('#ff0000');
    // An in-gamut colour maps to the same sRGB colour (CSS Color 4 reference values).
    const [r, g, b] = displayP3ToSrgb([0.5, 0.5, 0.5]);
    expect([r, g, b].map((c) => Number(c.toFixed(4)))).toEqual([0.5, 0.5, 0.5]);
    expect(colorToHex({ colorSpace: 'display-p3', components: [0.9175, 0.2003, 0.1386] })).toBe('#ff0000');
  });

  it('uses the hex fallback for other spaces, and throws without one', () => {
    expect(colorToHex({ colorSpace: 'lab', components: [50, 0, 0], hex: '#777777' })).toBe('#777777');
    expect(() => colorToSrgb({ colorSpace: 'lab', components: [50, 0, 0] })).toThrow(/hex fallback/);
  });

  it('feeds the WCAG contrast ratio', () => {
    const white = colorToSrgb({ colorSpace: 'display-p3', components: [1, 1, 1] });
    const black = colorToSrgb({ colorSpace: 'srgb', components: [0, 0, 0] });
    expect(contrastRatio(white, black)).toBeCloseTo(21, 5);
  });
});
