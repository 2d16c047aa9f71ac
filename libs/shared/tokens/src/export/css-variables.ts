/**
 * Token set → plain CSS custom properties for one theme, the way Style Dictionary's `css/variables`
 * format with the `css` transform group writes them: names kebab-cased from the path, every token
 * (spacing steps and accent roles included), values resolved to literals.
 *
 * Values are written as Style Dictionary 5 writes them wherever it writes a CSS value: colours as
 * `#rrggbb` (or `rgba(r, g, b, a)` with alpha, from the components, the `hex` fallback when the
 * colour is outside sRGB), dimensions and numbers as written (`4px`, `1.3333`), `cubic-bezier(…)`,
 * font stacks with names that contain spaces in single quotes, shadows as `x y blur spread color`.
 * Where it does not (durations come out as `[object Object]`, named font weights other than
 * `normal`/`bold` as their DTCG name), this export writes correct CSS instead (`150ms`, `600`).
 */
import { createAliasResolver, type TAliasResolver } from '../alias.resolver';
import {
  clampRgb,
  colorValueToSrgb,
  colorValueToUnclampedSrgb,
  hexToRgb,
  isInSrgbGamut,
  rgbToHex,
} from '../color';
import { colorToCss, formatCssNumber } from '../css-value.formatter';
import { FONT_WEIGHT_NAMES } from '../token-set.schema';
import type {
  TAlias,
  TBorderValue,
  TGradientValue,
  TStrokeStyleValue,
  TTransitionValue,
  TTypographyValue,
  TColorValue,
  TCubicBezierValue,
  TDimensionValue,
  TDurationValue,
  TFontFamilyValue,
  TFontWeightValue,
  TShadowLayer,
  TShadowValue,
  TThemeName,
  TTokenGroup,
  TTokenSet,
  TTokenType,
} from '../token.types';
import {
  getNode,
  isToken,
  parseAliasPath,
  pathToName,
  resolveThemeTree,
  walkTokens,
  withoutRoot,
} from '../token-tree.utils';

/** `hex`: `#rrggbb` / `rgba()` as Style Dictionary writes them; `css`: the token's own space, `oklch(…)`. */
export type TCssColorFormat = 'hex' | 'css';

export type TCssVariablesOptions = {
  theme: TThemeName;
  /** Default `:root`. */
  selector?: string;
  /** Default `hex`. */
  colorFormat?: TCssColorFormat;
};

export type TCssVariable = { name: string; value: string; path: string; type: TTokenType };

/** change-case's `kebabCase` (what Style Dictionary's `name/kebab` uses): words split at case changes and non-alphanumerics. */
export function kebabCase(input: string): string {
  const split = input
    .trim()
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1\0$2')
    .replace(/(\p{Lu})([\p{Lu}][\p{Ll}])/gu, '$1\0$2')
    .replace(/[^\p{L}\d]+/giu, '\0');
  return split
    .split('\0')
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase())
    .join('-');
}

/**
 * The custom property of a token path: Style Dictionary's `name/kebab` of the path, with `$root`
 * dropped (`spacing.$root` → `--spacing`, `color.accent.spark.$root` → `--color-accent-spark`).
 */
export function kebabVariableName(path: readonly string[]): string {
  const named = withoutRoot(path);
  return `--${kebabCase((named.length > 0 ? named : ['root']).join(' '))}`;
}

/** colorjs.io's default `inGamut` tolerance, which Style Dictionary's colour transform relies on. */
const SD_GAMUT_EPSILON = 0.000075;

/**
 * A colour as Style Dictionary's `color/css` writes it: `#rrggbb`, or `rgba(r, g, b, a)` when the
 * alpha is below 1. sRGB comes from the components; outside sRGB the `hex` fallback wins, else the
 * channels are clamped (Style Dictionary gamut-maps instead). Colour spaces this library does not
 * convert use `hex`, or, without one, the CSS colour function.
 */
export function colorToHexCss(color: TColorValue): string {
  let rgb = colorValueToUnclampedSrgb(color);
  if (!rgb || !isInSrgbGamut(rgb, SD_GAMUT_EPSILON)) {
    if (color.hex) rgb = hexToRgb(color.hex);
    else if (rgb) rgb = colorValueToSrgb(color);
    else return colorToCss(color);
  }
  const alpha = color.alpha ?? 1;
  if (alpha === 1) return rgbToHex(rgb);
  const [r, g, b] = clampRgb(rgb).map((channel) => Math.round(channel * 255));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Style Dictionary's font-family quoting: names with whitespace in single quotes, `'` escaped. */
function fontFamilyToSdCss(value: TFontFamilyValue): string {
  const families = typeof value === 'string' && value.includes(',') ? value.split(',') : value;
  const quote = (raw: string) => {
    let name = raw.trim();
    const quoted =
      (name.startsWith("'") && name.endsWith("'")) || (name.startsWith('"') && name.endsWith('"'));
    if (!quoted) name = name.replace(/'/g, "\\'");
    return /\s+/.test(name) && !quoted ? `'${name}'` : name;
  };
  return Array.isArray(families) ? families.map(quote).join(', ') : quote(families as string);
}

/** Numbers as JavaScript writes them, which is what Style Dictionary puts in the CSS. */
const num = (value: number) => String(value);
const dimension = ({ value, unit }: TDimensionValue) => `${num(value)}${unit}`;
const duration = ({ value, unit }: TDurationValue) => `${num(value)}${unit}`;
const cubicBezier = (value: TCubicBezierValue) => `cubic-bezier(${value.map(num).join(', ')})`;

/** Named weights that are CSS keywords are kept (as Style Dictionary keeps them); others become numbers. */
function fontWeight(value: TFontWeightValue): string {
  if (typeof value === 'number') return num(value);
  if (value === 'normal' || value === 'bold') return value;
  return num(FONT_WEIGHT_NAMES[value] ?? Number(value));
}

type TWriteContext = { color: (value: TColorValue) => string; part: <T>(value: T | TAlias) => T };

/** A resolved token value as this export writes it (see the module comment). */
function write(type: TTokenType, value: unknown, context: TWriteContext): string {
  const { color, part } = context;
  switch (type) {
    case 'color':
      return color(value as TColorValue);
    case 'dimension':
      return dimension(value as TDimensionValue);
    case 'number':
      return num(value as number);
    case 'duration':
      return duration(value as TDurationValue);
    case 'cubicBezier':
      return cubicBezier(value as TCubicBezierValue);
    case 'fontFamily':
      return fontFamilyToSdCss(value as TFontFamilyValue);
    case 'fontWeight':
      return fontWeight(value as TFontWeightValue);
    case 'shadow': {
      const layer = (l: TShadowLayer) => {
        const parts = [l.offsetX, l.offsetY, l.blur, l.spread].map((p) => dimension(part(p)));
        return `${l.inset ? 'inset ' : ''}${parts.join(' ')} ${color(part(l.color))}`;
      };
      const layers = value as TShadowValue;
      return (Array.isArray(layers) ? layers : [layers]).map(layer).join(', ');
    }
    case 'strokeStyle': {
      // CSS has no dash patterns: Style Dictionary (and the DTCG spec's example) fall back to dashed.
      const style = value as TStrokeStyleValue;
      return typeof style === 'string' ? style : 'dashed';
    }
    case 'border': {
      const border = value as TBorderValue;
      const style = write('strokeStyle', part(border.style), context);
      return `${dimension(part(border.width))} ${style} ${color(part(border.color))}`;
    }
    case 'transition': {
      const transition = value as TTransitionValue;
      return [
        duration(part(transition.duration)),
        cubicBezier(part(transition.timingFunction)),
        duration(part(transition.delay)),
      ].join(' ');
    }
    case 'typography': {
      // The `font` shorthand, as Style Dictionary writes it (letter-spacing has no place in it).
      const typography = value as TTypographyValue;
      return [
        fontWeight(part(typography.fontWeight)),
        `${dimension(part(typography.fontSize))}/${num(part(typography.lineHeight))}`,
        fontFamilyToSdCss(part(typography.fontFamily)),
      ].join(' ');
    }
    case 'gradient': {
      const stops = (value as TGradientValue).map(
        (stop) => `${color(part(stop.color))} ${formatCssNumber(part(stop.position) * 100)}%`,
      );
      return `linear-gradient(${stops.join(', ')})`;
    }
  }
}

/**
 * A token value as this export writes it (see the module comment). Aliases inside composite
 * values are followed in `tree` (or by `resolver`); a top-level alias must be resolved by the caller.
 */
export function cssVariableValue(
  type: TTokenType,
  value: unknown,
  options: { colorFormat?: TCssColorFormat; tree?: TTokenGroup; resolver?: TAliasResolver } = {},
): string {
  let resolver = options.resolver;
  const part = <T>(raw: T | TAlias): T => {
    const target = parseAliasPath(raw);
    if (!target) return raw as T;
    resolver ??= createAliasResolver(options.tree ?? {});
    return resolver.resolve(target).value as T;
  };
  return write(type, value, { color: options.colorFormat === 'css' ? colorToCss : colorToHexCss, part });
}

/** Every token of `theme` (merged over the base) as a custom property, in document order. */
export function cssVariables(
  set: TTokenSet,
  options: Omit<TCssVariablesOptions, 'selector'>,
): TCssVariable[] {
  const tree = resolveThemeTree(set, options.theme);
  const resolver = createAliasResolver(tree);
  const format = { colorFormat: options.colorFormat ?? 'hex', tree, resolver };
  return [...walkTokens(tree)].map(({ path, token }) => {
    const resolved = resolver.resolve(path);
    // The `$value` of the token at the end of the alias chain: a literal, whose composite parts may
    // still be aliases (written by this export too, so that their colours match).
    const holder = getNode(tree, resolved.chain[resolved.chain.length - 1] ?? path)?.node;
    const value = isToken(holder) ? holder.$value : token.$value;
    return {
      name: kebabVariableName(path),
      value: cssVariableValue(resolved.type, value, format),
      path: pathToName(path),
      type: resolved.type,
    };
  });
}

/**
 * `:root { --color-neutral-50: #f9fafb; … }`: one theme's tokens as CSS custom properties, for
 * tools and pages that do not use Tailwind. Matches Style Dictionary's `css/variables` output
 * value for value where that output is CSS (see the module comment).
 */
export function exportCssVariables(set: TTokenSet, options: TCssVariablesOptions): string {
  const declarations = cssVariables(set, options).map(({ name, value }) => `  ${name}: ${value};`);
  return `${options.selector ?? ':root'} {\n${declarations.join('\n')}\n}\n`;
}
