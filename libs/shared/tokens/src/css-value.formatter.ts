/** DTCG token values → CSS value text. */
import { FONT_WEIGHT_NAMES } from './token-set.schema';
import type {
  TColorComponent,
  TColorValue,
  TCubicBezierValue,
  TDimensionValue,
  TDurationValue,
  TFontFamilyValue,
  TFontWeightValue,
  TShadowLayer,
  TShadowValue,
  TTokenType,
  TTokenValue,
} from './token.types';
import { parseAliasPath } from './token-tree.utils';

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
  }
}
