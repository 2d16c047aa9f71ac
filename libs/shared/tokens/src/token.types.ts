/**
 * The W3C Design Tokens Community Group format (DTCG 2025.10) as Luminera uses it: every type of the
 * format module (the base types and the composites strokeStyle, border, transition, shadow, gradient
 * and typography). https://www.designtokens.org/TR/2025.10/format/ and .../color/
 *
 * Values are typed as the spec writes them in JSON; any `$value` (and any sub-value of a composite)
 * may instead be an alias string such as `"{color.neutral.50}"`.
 */

/** Token types this library understands. Unknown types are rejected when a file is parsed. */
export const TOKEN_TYPES = [
  'color',
  'dimension',
  'fontFamily',
  'fontWeight',
  'duration',
  'cubicBezier',
  'number',
  'strokeStyle',
  'border',
  'transition',
  'shadow',
  'gradient',
  'typography',
] as const;
export type TTokenType = (typeof TOKEN_TYPES)[number];

/** Colour spaces named by the DTCG Color module 2025.10. */
export const COLOR_SPACES = [
  'srgb',
  'srgb-linear',
  'hsl',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'display-p3',
  'a98-rgb',
  'prophoto-rgb',
  'rec2020',
  'xyz-d65',
  'xyz-d50',
] as const;
export type TColorSpace = (typeof COLOR_SPACES)[number];

/** A reference to another token: `{group.token}`. */
export type TAlias = `{${string}}`;

/** A colour component; `'none'` is a missing component as in CSS Color 4. */
export type TColorComponent = number | 'none';

export type TColorValue = {
  colorSpace: TColorSpace;
  /** Three components in the colour space's order, e.g. `[L, C, H]` for oklch with L in 0–1. */
  components: [TColorComponent, TColorComponent, TColorComponent];
  /** 0–1, default 1. */
  alpha?: number;
  /** `#rrggbb` fallback for tools that only understand sRGB hex. */
  hex?: string;
};

export type TDimensionValue = { value: number; unit: 'px' | 'rem' };
export type TDurationValue = { value: number; unit: 'ms' | 's' };
export type TCubicBezierValue = [number, number, number, number];
export type TFontFamilyValue = string | string[];
export type TFontWeightValue = number | string;

export type TShadowLayer = {
  color: TColorValue | TAlias;
  offsetX: TDimensionValue | TAlias;
  offsetY: TDimensionValue | TAlias;
  blur: TDimensionValue | TAlias;
  spread: TDimensionValue | TAlias;
  inset?: boolean;
};
/** One shadow or several layered shadows (first on top, as in CSS `box-shadow`). */
export type TShadowValue = TShadowLayer | TShadowLayer[];

/** The CSS `border-style` keywords DTCG 2025.10 allows as a stroke style. */
export const STROKE_STYLE_KEYWORDS = [
  'solid',
  'dashed',
  'dotted',
  'double',
  'groove',
  'ridge',
  'outset',
  'inset',
] as const;
export type TStrokeStyleKeyword = (typeof STROKE_STYLE_KEYWORDS)[number];
export const LINE_CAPS = ['round', 'butt', 'square'] as const;
export type TLineCap = (typeof LINE_CAPS)[number];
/** A keyword, or a custom dash pattern (dash and gap lengths, alternating). */
export type TStrokeStyleValue =
  | TStrokeStyleKeyword
  | { dashArray: (TDimensionValue | TAlias)[]; lineCap: TLineCap };

export type TBorderValue = {
  color: TColorValue | TAlias;
  width: TDimensionValue | TAlias;
  style: TStrokeStyleValue | TAlias;
};

export type TTransitionValue = {
  duration: TDurationValue | TAlias;
  delay: TDurationValue | TAlias;
  timingFunction: TCubicBezierValue | TAlias;
};

/** A colour stop: `position` 0–1 along the gradient line. */
export type TGradientStop = { color: TColorValue | TAlias; position: number | TAlias };
/** The colour stops of a gradient, in order (the gradient's shape and angle are not part of the token). */
export type TGradientValue = TGradientStop[];

export type TTypographyValue = {
  fontFamily: TFontFamilyValue | TAlias;
  fontSize: TDimensionValue | TAlias;
  fontWeight: TFontWeightValue | TAlias;
  letterSpacing: TDimensionValue | TAlias;
  /** A multiple of the font size (unitless, as CSS `line-height: 1.5`). */
  lineHeight: number | TAlias;
};

export type TTokenValueByType = {
  color: TColorValue;
  dimension: TDimensionValue;
  fontFamily: TFontFamilyValue;
  fontWeight: TFontWeightValue;
  duration: TDurationValue;
  cubicBezier: TCubicBezierValue;
  number: number;
  strokeStyle: TStrokeStyleValue;
  border: TBorderValue;
  transition: TTransitionValue;
  shadow: TShadowValue;
  gradient: TGradientValue;
  typography: TTypographyValue;
};
export type TTokenValue = TTokenValueByType[TTokenType];

export type TExtensions = Record<string, unknown>;

export type TToken = {
  $value: TTokenValue | TAlias;
  $type?: TTokenType;
  $description?: string;
  $deprecated?: boolean | string;
  $extensions?: TExtensions;
};

type TTokenGroupMember = TToken | TTokenGroup | TTokenType | TExtensions | string | boolean | undefined;

/**
 * A group: `$`-prefixed properties plus child tokens and groups by name. Children inherit `$type`.
 * `$root` is the group's own token (DTCG 2025.10), referenced as `{group.$root}`.
 * Use `groupChildren()` to iterate children rather than `Object.entries`.
 */
export type TTokenGroup = {
  $schema?: string;
  $type?: TTokenType;
  $description?: string;
  $deprecated?: boolean | string;
  $extensions?: TExtensions;
  $root?: TToken;
  [name: string]: TTokenGroupMember;
};

export const THEME_NAMES = ['light', 'dark'] as const;
export type TThemeName = (typeof THEME_NAMES)[number];

/**
 * A token set as Luminera ships it: one base file (palettes, type, spacing, radii, shadows, motion)
 * and one file per theme whose semantic tokens alias the base. A theme is resolved by merging its
 * file over the base (later wins), as the DTCG Resolver module does with sets and modifiers.
 */
export type TTokenSet = {
  base: TTokenGroup;
  themes: Record<TThemeName, TTokenGroup>;
};

/** One token of a flattened tree. */
export type TFlatToken = {
  path: string[];
  type: TTokenType;
  /** The `$value` as written: a value, or an alias string when `aliasOf` is set. */
  value: TTokenValue | TAlias;
  description: string | undefined;
  /** Path of the token this one aliases directly, when `$value` is an alias. */
  aliasOf?: string[];
};

/** A token with its alias chain followed to the end. */
export type TResolvedToken = {
  path: string[];
  type: TTokenType;
  value: TTokenValue;
  description: string | undefined;
  /** Every token visited, from the one asked for to the one holding the value (length 1: no alias). */
  chain: string[][];
};
