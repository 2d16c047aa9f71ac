/**
 * Colour maths for the token set: OKLCH ⇄ sRGB (Björn Ottosson's OKLab matrices, as in CSS Color 4)
 * and WCAG 2.2 relative luminance and contrast. Kept small and dependency-free so the generator,
 * the tests and SLATE's editor all agree on the same numbers.
 */
import type { TColorComponent, TColorValue } from './token.types';

/** `[L, C, H]`: L 0–1, C ≥ 0 (about 0–0.4 in sRGB), H in degrees. */
export type TOklch = readonly [number, number, number];
/** sRGB (gamma-encoded) or linear-light RGB channels, nominally 0–1. */
export type TRgb = readonly [number, number, number];

/** Tolerance for "inside sRGB": channel values this far outside 0–1 are rounding, not out of gamut. */
const GAMUT_EPSILON = 1e-4;

/** A DTCG colour's three components as numbers (`none` is 0). */
export function colorComponents(color: TColorValue): TRgb {
  const [a = 0, b = 0, c = 0] = color.components.map((component: TColorComponent) =>
    component === 'none' ? 0 : component,
  );
  return [a, b, c];
}

/** OKLCH → OKLab. */
export function oklchToOklab([l, c, h]: TOklch): TRgb {
  const hue = (h * Math.PI) / 180;
  return [l, c * Math.cos(hue), c * Math.sin(hue)];
}

/** OKLab → linear-light sRGB (unclamped: values outside 0–1 are out of gamut). */
export function oklabToLinearSrgb([l, a, b]: TRgb): TRgb {
  const lp = l + 0.3963377774 * a + 0.2158037573 * b;
  const mp = l - 0.1055613458 * a - 0.0638541728 * b;
  const sp = l - 0.0894841775 * a - 1.291485548 * b;
  const L = lp ** 3;
  const M = mp ** 3;
  const S = sp ** 3;
  return [
    4.0767416621 * L - 3.3077115913 * M + 0.2309699292 * S,
    -1.2684380046 * L + 2.6097574011 * M - 0.3413193965 * S,
    -0.0041960863 * L - 0.7034186147 * M + 1.707614701 * S,
  ];
}

/** Linear-light sRGB → OKLab. */
export function linearSrgbToOklab([r, g, b]: TRgb): TRgb {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** sRGB transfer function, one channel: linear → gamma-encoded (sign-preserving, as CSS Color 4). */
export function encodeSrgbChannel(linear: number): number {
  const abs = Math.abs(linear);
  const encoded = abs <= 0.0031308 ? 12.92 * abs : 1.055 * abs ** (1 / 2.4) - 0.055;
  return Math.sign(linear) * encoded;
}

/** sRGB transfer function, one channel: gamma-encoded → linear. */
export function decodeSrgbChannel(encoded: number): number {
  const abs = Math.abs(encoded);
  const linear = abs <= 0.04045 ? abs / 12.92 : ((abs + 0.055) / 1.055) ** 2.4;
  return Math.sign(encoded) * linear;
}

/** Linear-light sRGB → gamma-encoded sRGB, every channel. */
export function encodeSrgb([r, g, b]: TRgb): TRgb {
  return [encodeSrgbChannel(r), encodeSrgbChannel(g), encodeSrgbChannel(b)];
}

/** OKLCH → gamma-encoded sRGB, unclamped. */
export function oklchToSrgb(oklch: TOklch): TRgb {
  return encodeSrgb(oklabToLinearSrgb(oklchToOklab(oklch)));
}

/** gamma-encoded sRGB → OKLCH (hue 0 for achromatic colours). */
export function srgbToOklch([r, g, b]: TRgb): TOklch {
  const [l, a, bb] = linearSrgbToOklab([decodeSrgbChannel(r), decodeSrgbChannel(g), decodeSrgbChannel(b)]);
  const c = Math.hypot(a, bb);
  const h = c < 1e-6 ? 0 : ((Math.atan2(bb, a) * 180) / Math.PI + 360) % 360;
  return [l, c, h];
}

/** True when every channel is within 0–1 (give or take rounding). */
export function isInSrgbGamut(rgb: TRgb, epsilon = GAMUT_EPSILON): boolean {
  return rgb.every((channel) => channel >= -epsilon && channel <= 1 + epsilon);
}

/** Whether an OKLCH colour can be shown in sRGB without clipping. */
export function isOklchInSrgbGamut(oklch: TOklch): boolean {
  return isInSrgbGamut(oklabToLinearSrgb(oklchToOklab(oklch)));
}

/** Clamps each channel to 0–1 (the simplest gamut mapping; the palette is designed to stay inside). */
export function clampRgb([r, g, b]: TRgb): TRgb {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return [clamp(r), clamp(g), clamp(b)];
}

/** gamma-encoded sRGB (clamped) → `#rrggbb`. */
export function rgbToHex(rgb: TRgb): string {
  return `#${clampRgb(rgb)
    .map((channel) =>
      Math.round(channel * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `#rgb` or `#rrggbb` (case-insensitive) → gamma-encoded sRGB 0–1. */
export function hexToRgb(hex: string): TRgb {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  const digits = match?.[1];
  if (!digits) throw new Error(`Not a hex colour: "${hex}"`);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as unknown as TRgb;
}

/**
 * OKLCH → `#rrggbb`. Out-of-gamut colours are clamped per channel.
 * @example oklchToHex([0.628, 0.2577, 29.23]) // '#ff0000'
 */
export function oklchToHex(oklch: TOklch): string {
  return rgbToHex(oklchToSrgb(oklch));
}

/** `#rrggbb` → OKLCH. */
export function hexToOklch(hex: string): TOklch {
  return srgbToOklch(hexToRgb(hex));
}

/**
 * Largest chroma that keeps `oklch(l c h)` inside sRGB, by bisection. Used to design palettes that
 * never clip, so the `hex` fallback and the browser show the same colour.
 */
export function maxSrgbChroma(l: number, h: number): number {
  let low = 0;
  let high = 0.5;
  for (let i = 0; i < 40; i += 1) {
    const mid = (low + high) / 2;
    if (isOklchInSrgbGamut([l, mid, h])) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * A DTCG colour value → gamma-encoded sRGB, unclamped, for the spaces converted here (oklch, oklab,
 * srgb, srgb-linear); `undefined` for the others.
 */
export function colorValueToUnclampedSrgb(color: TColorValue): TRgb | undefined {
  const components = colorComponents(color);
  switch (color.colorSpace) {
    case 'oklch':
      return oklchToSrgb(components);
    case 'oklab':
      return encodeSrgb(oklabToLinearSrgb(components));
    case 'srgb':
      return components;
    case 'srgb-linear':
      return encodeSrgb(components);
    default:
      return undefined;
  }
}

/**
 * A DTCG colour value → gamma-encoded sRGB (clamped). Converts oklch, oklab, srgb and srgb-linear
 * itself; for other colour spaces it falls back to the value's `hex`.
 */
export function colorValueToSrgb(color: TColorValue): TRgb {
  const rgb = colorValueToUnclampedSrgb(color);
  if (rgb) return clampRgb(rgb);
  if (color.hex) return hexToRgb(color.hex);
  throw new Error(`Cannot convert colour space "${color.colorSpace}" without a hex fallback`);
}

/** A colour for the contrast helpers: `#rrggbb`, a DTCG colour value, or sRGB channels. */
export type TColorInput = string | TColorValue | TRgb;

function toSrgb(color: TColorInput): TRgb {
  if (typeof color === 'string') return hexToRgb(color);
  if ('colorSpace' in color) return colorValueToSrgb(color);
  return clampRgb(color);
}

/** WCAG 2.2 relative luminance (0 black … 1 white) of an opaque colour. */
export function relativeLuminance(color: TColorInput): number {
  const [r, g, b] = toSrgb(color).map(decodeSrgbChannel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG 2.2 contrast ratio between two opaque colours, 1–21, order-independent.
 * Alpha is ignored: composite translucent colours over their background first.
 * @example contrastRatio('#000000', '#ffffff') // 21
 */
export function contrastRatio(a: TColorInput, b: TColorInput): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
