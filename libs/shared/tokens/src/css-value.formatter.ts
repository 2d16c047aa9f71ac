/** DTCG token values → CSS value text, and DTCG colours → sRGB / hex. */
import {
  clampRgb,
  colorComponents,
  colorValueToSrgb,
  decodeSrgbChannel,
  encodeSrgb,
  rgbToHex,
  type TRgb,
} from './color';
import { FONT_WEIGHT_NAMES } from './token-set.schema';
import type {
  TBorderValue,
  TColorComponent,
  TColorValue,
  TCubicBezierValue,
  TDimensionValue,
  TDurationValue,
  TFontFamilyValue,
  TFontWeightValue,
  TGradientValue,
  TShadowLayer,
  TShadowValue,
  TStrokeStyleValue,
  TTokenType,
  TTokenValue,
  TTransitionValue,
  TTypographyValue,
} from './token.types';
import { parseAliasPath } from './token-tree.utils';

type TMatrix = readonly [TRgb, TRgb, TRgb];
const multiply = (m: TMatrix, [x, y, z]: TRgb): TRgb =>
  m.map(([a, b, c]) => a * x + b * y + c * z) as unknown as TRgb;

/** CSS Color 4: linear display-p3 → CIE XYZ (D65). */
const LINEAR_P3_TO_XYZ: TMatrix = [
  [0.4865709486482162, 0.26566769316909306, 0.1982172852343625],
  [0.2289745640697488, 0.6917385218365064, 0.079286914093745],
  [0, 0.04511338185890264, 1.043944368900976],
];
/** CSS Color 4: CIE XYZ (D65) → linear sRGB. */
const XYZ_TO_LINEAR_SRGB: TMatrix = [
  [3.2409699419045226, -1.537383177570094, -0.4986107602930034],
  [-0.9692436362808796, 1.8759675015077202, 0.04155505740717559],
  [0.05563007969699366, -0.20397695888897652, 1.0569715142428786],
];

/** gamma-encoded display-p3 → gamma-encoded sRGB, unclamped (p3 uses the sRGB transfer function). */
export function displayP3ToSrgb([r, g, b]: TRgb): TRgb {
  const linear: TRgb = [decodeSrgbChannel(r), decodeSrgbChannel(g), decodeSrgbChannel(b)];
  return encodeSrgb(multiply(XYZ_TO_LINEAR_SRGB, multiply(LINEAR_P3_TO_XYZ, linear)));
}

/**
 * A DTCG colour → gamma-encoded sRGB channels 0–1, clamped. Converts srgb, srgb-linear, display-p3,
 * oklch, oklab and xyz-d65 itself; other spaces use the value's `hex` (throws without one).
 */
export function colorToSrgb(color: TColorValue): TRgb {
  const components = colorComponents(color);
  switch (color.colorSpace) {
    case 'display-p3':
      return clampRgb(displayP3ToSrgb(components));
    case 'xyz-d65':
      return clampRgb(encodeSrgb(multiply(XYZ_TO_LINEAR_SRGB, components)));
    default:
      return colorValueToSrgb(color);
  }
}

/** A DTCG colour → `#rrggbb` (sRGB, clamped; alpha dropped). */
export function colorToHex(color: TColorValue): string {
  return rgbToHex(colorToSrgb(color));
}

/** Numbers without float noise: at most 4 decimals, no trailing zeros (`0.25`, `1.3333`, `150`). */
export function formatCssNumber(value: number): string {
  const rounded = Number(value.toFixed(4));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

const component = (value: TColorComponent) => (value === 'none' ? 'none' : formatCssNumber(value));

/** CSS functions for the colour spaces that have one; the rest use `color(<space> …)`. */
const COLOR_FUNCTIONS: Partial<Record<TColorValue['colorSpace'], (c: [string, string, string]) => string>> = {
  oklch: ([l, c, h]) => `oklch(${l} ${c} ${h}`,
  oklab: ([l, a, b]) => `oklab(${l} ${a} ${b}`,
  lch: ([l, c, h]) => `lch(${l} ${c} ${h}`,
  lab: ([l, a, b]) => `lab(${l} ${a} ${b}`,
  hsl: ([h, s, l]) => `hsl(${h} ${s}% ${l}%`,
  hwb: ([h, w, b]) => `hwb(${h} ${w}% ${b}%`,
};

/** `oklch(0.62 0.19 259)`, or with alpha `oklch(0.62 0.19 259 / 0.5)`. */
export function colorToCss(color: TColorValue): string {
  const parts = color.components.map(component) as [string, string, string];
  const open = COLOR_FUNCTIONS[color.colorSpace]?.(parts) ?? `color(${color.colorSpace} ${parts.join(' ')}`;
  const alpha = color.alpha === undefined || color.alpha === 1 ? '' : ` / ${formatCssNumber(color.alpha)}`;
  return `${open}${alpha})`;
}

export function dimensionToCss({ value, unit }: TDimensionValue): string {
  return `${formatCssNumber(value)}${unit}`;
}

/** A dimension in rem, converting px at the browser default of 16px per rem. */
export function dimensionToRem({ value, unit }: TDimensionValue): string {
  return `${formatCssNumber(unit === 'rem' ? value : value / 16)}rem`;
}

export function durationToCss({ value, unit }: TDurationValue): string {
  return `${formatCssNumber(value)}${unit}`;
}

export function cubicBezierToCss(value: TCubicBezierValue): string {
  return `cubic-bezier(${value.map(formatCssNumber).join(', ')})`;
}

/** Family names that are one CSS identifier (and generic families) stay bare; others are quoted. */
export function fontFamilyToCss(value: TFontFamilyValue): string {
  const families = typeof value === 'string' ? [value] : value;
  return families
    .map((family) =>
      /^-?[a-zA-Z_][a-zA-Z0-9_-]*$/.test(family) ? family : `"${family.replace(/"/g, '\\"')}"`,
    )
    .join(', ');
}

export function fontWeightToCss(value: TFontWeightValue): string {
  return typeof value === 'number' ? formatCssNumber(value) : String(FONT_WEIGHT_NAMES[value] ?? value);
}

/**
 * Writes an aliased sub-value or token value. The generator passes a function that returns
 * `var(--…)` for tokens that have a CSS variable and the literal value otherwise.
 */
export type TReferenceToCss = (path: string[], type: TTokenType) => string;

function partToCss<T>(
  value: T | string,
  type: TTokenType,
  toCss: (v: T) => string,
  ref: TReferenceToCss,
): string {
  const target = parseAliasPath(value);
  return target ? ref(target, type) : toCss(value as T);
}

function shadowLayerToCss(layer: TShadowLayer, ref: TReferenceToCss): string {
  const parts = [
    partToCss(layer.offsetX, 'dimension', dimensionToCss, ref),
    partToCss(layer.offsetY, 'dimension', dimensionToCss, ref),
    partToCss(layer.blur, 'dimension', dimensionToCss, ref),
    partToCss(layer.spread, 'dimension', dimensionToCss, ref),
    partToCss(layer.color, 'color', colorToCss, ref),
  ];
  return `${layer.inset ? 'inset ' : ''}${parts.join(' ')}`;
}

export function shadowToCss(value: TShadowValue, ref: TReferenceToCss): string {
  return (Array.isArray(value) ? value : [value]).map((layer) => shadowLayerToCss(layer, ref)).join(', ');
}

/** A keyword as it is; a dash pattern becomes `dashed` (CSS borders cannot draw custom dashes). */
export function strokeStyleToCss(value: TStrokeStyleValue): string {
  return typeof value === 'string' ? value : 'dashed';
}

/** `1px solid oklch(…)`: the `border` shorthand. */
export function borderToCss(value: TBorderValue, ref: TReferenceToCss): string {
  return [
    partToCss(value.width, 'dimension', dimensionToCss, ref),
    partToCss(value.style, 'strokeStyle', strokeStyleToCss, ref),
    partToCss(value.color, 'color', colorToCss, ref),
  ].join(' ');
}

/** `150ms cubic-bezier(…) 0ms`: duration, timing function, delay (a `transition` without property). */
export function transitionToCss(value: TTransitionValue, ref: TReferenceToCss): string {
  return [
    partToCss(value.duration, 'duration', durationToCss, ref),
    partToCss(value.timingFunction, 'cubicBezier', cubicBezierToCss, ref),
    partToCss(value.delay, 'duration', durationToCss, ref),
  ].join(' ');
}

const positionToCss = (position: number) => `${formatCssNumber(position * 100)}%`;

/**
 * The colour stops `oklch(…) 0%, oklch(…) 100%`, for `linear-gradient(<angle>, …)` and friends. An
 * aliased position (a 0–1 number token) becomes `calc(var(--…) * 100%)`.
 */
export function gradientToCss(value: TGradientValue, ref: TReferenceToCss): string {
  return value
    .map((stop) => {
      const color = partToCss(stop.color, 'color', colorToCss, ref);
      const target = parseAliasPath(stop.position);
      const position = target
        ? `calc(${ref(target, 'number')} * 100%)`
        : positionToCss(stop.position as number);
      return `${color} ${position}`;
    })
    .join(', ');
}

/**
 * The `font` shorthand: `600 1rem/1.5 Inter, sans-serif`. `letterSpacing` has no place in it: write
 * it to `letter-spacing` separately (`dimensionToCss`).
 */
export function typographyToCss(value: TTypographyValue, ref: TReferenceToCss): string {
  const weight = partToCss(value.fontWeight, 'fontWeight', fontWeightToCss, ref);
  const size = partToCss(value.fontSize, 'dimension', dimensionToCss, ref);
  const lineHeight = partToCss(value.lineHeight, 'number', formatCssNumber, ref);
  const family = partToCss(value.fontFamily, 'fontFamily', fontFamilyToCss, ref);
  return `${weight} ${size}/${lineHeight} ${family}`;
}

/** Any token value (or alias) of a given type → CSS. */
export function tokenValueToCss(type: TTokenType, value: TTokenValue | string, ref: TReferenceToCss): string {
  const target = parseAliasPath(value);
  if (target) return ref(target, type);
  switch (type) {
    case 'color':
      return colorToCss(value as TColorValue);
    case 'dimension':
      return dimensionToCss(value as TDimensionValue);
    case 'duration':
      return durationToCss(value as TDurationValue);
    case 'cubicBezier':
      return cubicBezierToCss(value as TCubicBezierValue);
    case 'fontFamily':
      return fontFamilyToCss(value as TFontFamilyValue);
    case 'fontWeight':
      return fontWeightToCss(value as TFontWeightValue);
    case 'number':
      return formatCssNumber(value as number);
    case 'shadow':
      return shadowToCss(value as TShadowValue, ref);
    case 'strokeStyle':
      return strokeStyleToCss(value as TStrokeStyleValue);
    case 'border':
      return borderToCss(value as TBorderValue, ref);
    case 'transition':
      return transitionToCss(value as TTransitionValue, ref);
    case 'gradient':
      return gradientToCss(value as TGradientValue, ref);
    case 'typography':
      return typographyToCss(value as TTypographyValue, ref);
  }
}
