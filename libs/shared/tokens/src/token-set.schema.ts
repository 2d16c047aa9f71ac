/**
 * zod schemas for the DTCG 2025.10 format (every value type, composites included), the structural
 * check of a token tree (names, group and token properties) and the issue type every validation
 * reports. The parse functions live with the validation they run (token-validation.ts), so this
 * file imports nothing that imports it back.
 */
import { z } from 'zod';
import {
  COLOR_SPACES,
  LINE_CAPS,
  STROKE_STYLE_KEYWORDS,
  TOKEN_TYPES,
  type TAlias,
  type TColorSpace,
  type TThemeName,
  type TTokenGroup,
  type TTokenType,
} from './token.types';
import { isAlias, isPlainObject, isToken, parseAliasPath, ROOT_TOKEN_NAME } from './token-tree.utils';

export const ZTokenTypeSchema = z.enum(TOKEN_TYPES);

export const isTokenType = (value: unknown): value is TTokenType =>
  typeof value === 'string' && (TOKEN_TYPES as readonly string[]).includes(value);

export const ZAliasSchema = z
  .string()
  .refine(isAlias, { message: 'Expected an alias such as "{group.token}"' }) as unknown as z.ZodType<TAlias>;

const ZColorComponentSchema = z.union([z.number(), z.literal('none')]);

type TRange = { name: string; min?: number; max?: number; maxExclusive?: boolean };
const UNIT = (name: string): TRange => ({ name, min: 0, max: 1 });
const PERCENT = (name: string): TRange => ({ name, min: 0, max: 100 });
const HUE: TRange = { name: 'hue', min: 0, max: 360, maxExclusive: true };
const ANY = (name: string): TRange => ({ name });
const RGB = [UNIT('red'), UNIT('green'), UNIT('blue')];

/** Component ranges per colour space (DTCG Color module 2025.10); unlisted bounds are open. */
export const COLOR_COMPONENT_RANGES: Readonly<Record<TColorSpace, readonly [TRange, TRange, TRange]>> = {
  srgb: RGB as [TRange, TRange, TRange],
  'srgb-linear': RGB as [TRange, TRange, TRange],
  'display-p3': RGB as [TRange, TRange, TRange],
  'a98-rgb': RGB as [TRange, TRange, TRange],
  'prophoto-rgb': RGB as [TRange, TRange, TRange],
  rec2020: RGB as [TRange, TRange, TRange],
  hsl: [HUE, PERCENT('saturation'), PERCENT('lightness')],
  hwb: [HUE, PERCENT('whiteness'), PERCENT('blackness')],
  lab: [PERCENT('lightness'), ANY('a'), ANY('b')],
  lch: [PERCENT('lightness'), { name: 'chroma', min: 0 }, HUE],
  oklab: [UNIT('lightness'), ANY('a'), ANY('b')],
  oklch: [UNIT('lightness'), { name: 'chroma', min: 0 }, HUE],
  'xyz-d65': [ANY('x'), ANY('y'), ANY('z')],
  'xyz-d50': [ANY('x'), ANY('y'), ANY('z')],
};

function rangeText({ min, max, maxExclusive }: TRange): string {
  if (min !== undefined && max !== undefined) return maxExclusive ? `≥ ${min} and < ${max}` : `${min}–${max}`;
  return min !== undefined ? `≥ ${min}` : `≤ ${max}`;
}

export const ZColorValueSchema = z
  .object({
    colorSpace: z.enum(COLOR_SPACES),
    components: z.tuple([ZColorComponentSchema, ZColorComponentSchema, ZColorComponentSchema]),
    alpha: z.number().min(0, 'alpha must be 0–1').max(1, 'alpha must be 0–1').optional(),
    hex: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'hex must be "#rrggbb"')
      .optional(),
  })
  .strict()
  .superRefine((color, ctx) => {
    const ranges = COLOR_COMPONENT_RANGES[color.colorSpace];
    color.components.forEach((component, index) => {
      const range = ranges[index];
      if (typeof component !== 'number' || !range) return;
      const tooLow = range.min !== undefined && component < range.min;
      const tooHigh =
        range.max !== undefined && (range.maxExclusive ? component >= range.max : component > range.max);
      if (tooLow || tooHigh) {
        ctx.addIssue({
          code: 'custom',
          path: ['components', index],
          message: `${color.colorSpace} ${range.name} must be ${rangeText(range)}, got ${component}`,
        });
      }
    });
  });

export const ZDimensionValueSchema = z.object({ value: z.number(), unit: z.enum(['px', 'rem']) }).strict();

export const ZDurationValueSchema = z
  .object({ value: z.number().min(0), unit: z.enum(['ms', 's']) })
  .strict();

const ZUnitInterval = z.number().min(0).max(1);
export const ZCubicBezierValueSchema = z.tuple([ZUnitInterval, z.number(), ZUnitInterval, z.number()]);

export const ZFontFamilyValueSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** The named weights DTCG 2025.10 allows in place of a number, with their numeric values. */
export const FONT_WEIGHT_NAMES: Readonly<Record<string, number>> = {
  thin: 100,
  hairline: 100,
  'extra-light': 200,
  'ultra-light': 200,
  light: 300,
  normal: 400,
  regular: 400,
  book: 400,
  medium: 500,
  'semi-bold': 600,
  'demi-bold': 600,
  bold: 700,
  'extra-bold': 800,
  'ultra-bold': 800,
  black: 900,
  heavy: 900,
  'extra-black': 950,
  'ultra-black': 950,
};
export const ZFontWeightValueSchema = z.union([
  z.number().min(1).max(1000),
  z
    .string()
    .refine((name) => Object.hasOwn(FONT_WEIGHT_NAMES, name), { message: 'Unknown font weight name' }),
]);

/**
 * A sub-value that may be an alias: alias-looking strings must be well-formed references, anything
 * else must match `schema` (whose issues are reported as they are, not as a failed union).
 */
function orAlias<T extends z.ZodType>(schema: T): z.ZodType<z.output<T> | TAlias> {
  return z.unknown().superRefine((value, ctx) => {
    if (isAlias(value)) {
      if (!parseAliasPath(value)) ctx.addIssue({ code: 'custom', message: `Malformed alias "${value}"` });
      return;
    }
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    }
  }) as unknown as z.ZodType<z.output<T> | TAlias>;
}

export const ZShadowLayerSchema = z
  .object({
    color: orAlias(ZColorValueSchema),
    offsetX: orAlias(ZDimensionValueSchema),
    offsetY: orAlias(ZDimensionValueSchema),
    blur: orAlias(ZDimensionValueSchema),
    spread: orAlias(ZDimensionValueSchema),
    inset: z.boolean().optional(),
  })
  .strict();
export const ZShadowValueSchema = z.union([ZShadowLayerSchema, z.array(ZShadowLayerSchema).min(1)]);

export const ZStrokeStyleValueSchema = z.union([
  z.enum(STROKE_STYLE_KEYWORDS),
  z
    .object({
      dashArray: z.array(orAlias(ZDimensionValueSchema)).min(1),
      lineCap: z.enum(LINE_CAPS),
    })
    .strict(),
]);

export const ZBorderValueSchema = z
  .object({
    color: orAlias(ZColorValueSchema),
    width: orAlias(ZDimensionValueSchema),
    style: orAlias(ZStrokeStyleValueSchema),
  })
  .strict();

export const ZTransitionValueSchema = z
  .object({
    duration: orAlias(ZDurationValueSchema),
    delay: orAlias(ZDurationValueSchema),
    timingFunction: orAlias(ZCubicBezierValueSchema),
  })
  .strict();

export const ZGradientStopSchema = z
  .object({
    color: orAlias(ZColorValueSchema),
    position: orAlias(z.number().min(0, 'position must be 0–1').max(1, 'position must be 0–1')),
  })
  .strict();
export const ZGradientValueSchema = z.array(ZGradientStopSchema).min(1);

export const ZTypographyValueSchema = z
  .object({
    fontFamily: orAlias(ZFontFamilyValueSchema),
    fontSize: orAlias(ZDimensionValueSchema),
    fontWeight: orAlias(ZFontWeightValueSchema),
    letterSpacing: orAlias(ZDimensionValueSchema),
    lineHeight: orAlias(z.number().min(0)),
  })
  .strict();

/** `$value` schema per `$type` (a whole-value alias is checked separately, by the alias resolver). */
export const VALUE_SCHEMAS: Readonly<Record<TTokenType, z.ZodType>> = {
  color: ZColorValueSchema,
  dimension: ZDimensionValueSchema,
  fontFamily: ZFontFamilyValueSchema,
  fontWeight: ZFontWeightValueSchema,
  duration: ZDurationValueSchema,
  cubicBezier: ZCubicBezierValueSchema,
  number: z.number(),
  strokeStyle: ZStrokeStyleValueSchema,
  border: ZBorderValueSchema,
  transition: ZTransitionValueSchema,
  shadow: ZShadowValueSchema,
  gradient: ZGradientValueSchema,
  typography: ZTypographyValueSchema,
};

const ZExtensionsSchema = z.record(z.string(), z.unknown());
const ZDeprecatedSchema = z.union([z.boolean(), z.string()]);

/** A token's own properties. `$value` is only shape-checked here; its type is checked once known. */
export const ZTokenSchema = z
  .object({
    $value: z.union([z.string(), z.number(), z.array(z.unknown()), z.record(z.string(), z.unknown())]),
    $type: ZTokenTypeSchema.optional(),
    $description: z.string().optional(),
    $deprecated: ZDeprecatedSchema.optional(),
    $extensions: ZExtensionsSchema.optional(),
  })
  .strict();

/** What a validation rule checks; see `validateTokenSet`. */
export type TTokenIssueRule = 'shape' | 'name' | 'type' | 'alias' | 'cycle' | 'type-mismatch' | 'contrast';

/**
 * One problem in a token file or set. `path` is dotted from the tree's root and names the token
 * (`color.bg`), the property (`color.bg.$type`) or the sub-value (`color.bg.$value.components.0`);
 * `''` is the document itself. `theme` is set for problems in (or only visible in) a theme.
 */
export type TTokenIssue = {
  path: string;
  message: string;
  theme?: TThemeName;
  rule: TTokenIssueRule;
  severity: 'error';
};

/** A token file or set that failed validation; `issues` lists every problem with its token path. */
export class TokenSetError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly TTokenIssue[],
  ) {
    const shown = issues.slice(0, 20).map((issue) => `  - ${formatIssue(issue)}`);
    const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
    super([`Invalid tokens in ${source}:`, ...shown, ...more].join('\n'));
    this.name = 'TokenSetError';
  }
}

/** `theme "dark" › color.fg: No token at {color.white}` */
export function formatIssue(issue: Pick<TTokenIssue, 'path' | 'message' | 'theme'>): string {
  const theme = issue.theme ? `theme "${issue.theme}" › ` : '';
  return `${theme}${issue.path || '(root)'}: ${issue.message}`;
}

export const formatPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Group properties DTCG defines that this library does not support (yet). */
const UNSUPPORTED_GROUP_PROPERTIES = new Set(['$extends', '$ref']);
const GROUP_PROPERTY_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  $schema: z.string(),
  $description: z.string(),
  $deprecated: ZDeprecatedSchema,
  $extensions: ZExtensionsSchema,
};
const TOKEN_PROPERTY_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  $description: z.string(),
  $deprecated: ZDeprecatedSchema,
  $extensions: ZExtensionsSchema,
};

/** DTCG: names must not start with `$` nor contain `{`, `}` or `.`. */
const INVALID_NAME = /[{}.]/;

type TShapeIssue = Omit<TTokenIssue, 'severity' | 'theme'>;

function propertyIssues(schema: z.ZodType, value: unknown, path: PropertyKey[]): TShapeIssue[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: formatPath([...path, ...issue.path]),
        message: issue.message,
        rule: 'shape' as const,
      }));
}

function typeIssues(value: unknown, path: PropertyKey[]): TShapeIssue[] {
  return isTokenType(value)
    ? []
    : [
        {
          path: formatPath(path),
          message: `Unknown $type ${JSON.stringify(value)}; expected one of ${TOKEN_TYPES.join(', ')}`,
          rule: 'type',
        },
      ];
}

function tokenShapeIssues(token: Record<string, unknown>, path: PropertyKey[]): TShapeIssue[] {
  const issues: TShapeIssue[] = [];
  for (const [key, value] of Object.entries(token)) {
    const keyPath = [...path, key];
    if (key === '$value') continue;
    if (key === '$type') {
      issues.push(...typeIssues(value, keyPath));
    } else if (TOKEN_PROPERTY_SCHEMAS[key]) {
      issues.push(...propertyIssues(TOKEN_PROPERTY_SCHEMAS[key], value, keyPath));
    } else if (key.startsWith('$')) {
      issues.push({ path: formatPath(keyPath), message: `Unknown token property "${key}"`, rule: 'name' });
    } else {
      issues.push({
        path: formatPath(keyPath),
        message: `A token cannot have children ("${key}" is inside a token with a $value)`,
        rule: 'shape',
      });
    }
  }
  return issues;
}

/**
 * Structural problems of a token tree (DTCG 2025.10): group and token properties, names, `$type`
 * names. Values, aliases and types of values are checked by `validateTokenGroup`/`validateTokenSet`.
 */
export function treeShapeIssues(group: unknown, path: PropertyKey[] = []): TShapeIssue[] {
  if (!isPlainObject(group)) {
    return [{ path: formatPath(path), message: 'Expected a group (an object)', rule: 'shape' }];
  }
  const issues: TShapeIssue[] = [];
  for (const [key, value] of Object.entries(group)) {
    const keyPath = [...path, key];
    if (key === ROOT_TOKEN_NAME) {
      if (isToken(value)) issues.push(...tokenShapeIssues(value, keyPath));
      else
        issues.push({
          path: formatPath(keyPath),
          message: '$root must be a token (an object with $value)',
          rule: 'shape',
        });
    } else if (key === '$type') {
      issues.push(...typeIssues(value, keyPath));
    } else if (key.startsWith('$')) {
      const schema = GROUP_PROPERTY_SCHEMAS[key];
      if (schema) issues.push(...propertyIssues(schema, value, keyPath));
      else if (UNSUPPORTED_GROUP_PROPERTIES.has(key)) {
        issues.push({
          path: formatPath(keyPath),
          message: `Unsupported group property "${key}"`,
          rule: 'shape',
        });
      } else {
        issues.push({
          path: formatPath(keyPath),
          message: `Invalid name "${key}": names may not start with "$" (not a known group property)`,
          rule: 'name',
        });
      }
    } else if (INVALID_NAME.test(key) || key.length === 0) {
      issues.push({
        path: formatPath(keyPath),
        message: `Invalid name "${key}": names may not be empty or contain ".", "{" or "}"`,
        rule: 'name',
      });
    } else if (isToken(value)) {
      issues.push(...tokenShapeIssues(value, keyPath));
    } else {
      issues.push(...treeShapeIssues(value, keyPath));
    }
  }
  return issues;
}

/** Structural schema of a token tree (names, group and token properties), recursive. */
export const ZTokenGroupSchema = z.custom<TTokenGroup>().superRefine((group, ctx) => {
  for (const issue of treeShapeIssues(group)) {
    ctx.addIssue({ code: 'custom', path: issue.path ? issue.path.split('.') : [], message: issue.message });
  }
});
