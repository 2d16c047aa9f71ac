/**
 * zod schemas for the DTCG subset, and the parse functions that validate token files: structure
 * first (names, group and token properties), then each `$value` against its (possibly inherited)
 * `$type`, then every alias (target exists, is a token, no cycle, same type).
 */
import { z } from 'zod';
import { AliasError, resolveTokenInTree } from './alias.resolver';
import {
  COLOR_SPACES,
  THEME_NAMES,
  TOKEN_TYPES,
  type TAlias,
  type TTokenGroup,
  type TTokenSet,
  type TTokenType,
} from './token.types';
import {
  isAlias,
  isPlainObject,
  isToken,
  mergeTokenTrees,
  pathToName,
  ROOT_TOKEN_NAME,
  walkTokens,
} from './token-tree.utils';

export const ZTokenTypeSchema = z.enum(TOKEN_TYPES);

export const ZAliasSchema = z
  .string()
  .refine(isAlias, { message: 'Expected an alias such as "{group.token}"' }) as unknown as z.ZodType<TAlias>;

const ZColorComponentSchema = z.union([z.number(), z.literal('none')]);

export const ZColorValueSchema = z
  .object({
    colorSpace: z.enum(COLOR_SPACES),
    components: z.tuple([ZColorComponentSchema, ZColorComponentSchema, ZColorComponentSchema]),
    alpha: z.number().min(0).max(1).optional(),
    hex: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'hex must be "#rrggbb"')
      .optional(),
  })
  .strict()
  .superRefine((color, ctx) => {
    if (color.colorSpace !== 'oklch') return;
    const [l, c] = color.components;
    if (typeof l === 'number' && (l < 0 || l > 1)) {
      ctx.addIssue({ code: 'custom', path: ['components', 0], message: 'oklch lightness must be 0–1' });
    }
    if (typeof c === 'number' && c < 0) {
      ctx.addIssue({ code: 'custom', path: ['components', 1], message: 'oklch chroma must be ≥ 0' });
    }
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

const orAlias = <T extends z.ZodType>(schema: T) => z.union([schema, ZAliasSchema]);

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

/** `$value` schema per `$type` (aliases are checked separately). */
export const VALUE_SCHEMAS: Readonly<Record<TTokenType, z.ZodType>> = {
  color: ZColorValueSchema,
  dimension: ZDimensionValueSchema,
  fontFamily: ZFontFamilyValueSchema,
  fontWeight: ZFontWeightValueSchema,
  duration: ZDurationValueSchema,
  cubicBezier: ZCubicBezierValueSchema,
  number: z.number(),
  shadow: ZShadowValueSchema,
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

const GROUP_PROPERTY_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  $schema: z.string(),
  $type: ZTokenTypeSchema,
  $description: z.string(),
  $deprecated: ZDeprecatedSchema,
  $extensions: ZExtensionsSchema,
  [ROOT_TOKEN_NAME]: ZTokenSchema,
};

/** DTCG: names must not start with `$` nor contain `{`, `}` or `.`. */
const INVALID_NAME = /[{}.]/;

type TIssue = { path: PropertyKey[]; message: string };

function groupIssues(group: unknown, path: PropertyKey[]): TIssue[] {
  if (!isPlainObject(group)) return [{ path, message: 'Expected a group (an object)' }];
  const issues: TIssue[] = [];
  for (const [key, value] of Object.entries(group)) {
    const keyPath = [...path, key];
    if (key.startsWith('$')) {
      const schema = GROUP_PROPERTY_SCHEMAS[key];
      if (!schema) {
        const hint = key === '$value' ? ' (a token cannot have children)' : '';
        issues.push({ path: keyPath, message: `Unsupported group property "${key}"${hint}` });
        continue;
      }
      const result = schema.safeParse(value);
      if (!result.success) {
        issues.push(
          ...result.error.issues.map((issue) => ({
            path: [...keyPath, ...issue.path],
            message: issue.message,
          })),
        );
      }
    } else if (INVALID_NAME.test(key) || key.length === 0) {
      issues.push({
        path: keyPath,
        message: `Invalid name "${key}": names may not be empty or contain ".", "{" or "}"`,
      });
    } else if (isToken(value)) {
      const result = ZTokenSchema.safeParse(value);
      if (!result.success) {
        issues.push(
          ...result.error.issues.map((issue) => ({
            path: [...keyPath, ...issue.path],
            message: issue.message,
          })),
        );
      }
    } else {
      issues.push(...groupIssues(value, keyPath));
    }
  }
  return issues;
}

/** Structural schema of a token tree (names, group and token properties), recursive. */
export const ZTokenGroupSchema = z.custom<TTokenGroup>().superRefine((group, ctx) => {
  for (const issue of groupIssues(group, [])) ctx.addIssue({ code: 'custom', ...issue });
});

export type TTokenIssue = { path: string; message: string };

/** A token file or set that failed validation; `issues` lists every problem with its token path. */
export class TokenSetError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly TTokenIssue[],
  ) {
    const shown = issues.slice(0, 20).map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
    super([`Invalid tokens in ${source}:`, ...shown, ...more].join('\n'));
    this.name = 'TokenSetError';
  }
}

const formatPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Checks every token's value against its type and every alias against the tree. */
function semanticIssues(tree: TTokenGroup): TTokenIssue[] {
  const issues: TTokenIssue[] = [];
  for (const { path, token, type } of walkTokens(tree)) {
    const name = pathToName(path);
    if (isAlias(token.$value)) {
      try {
        resolveTokenInTree(tree, path);
      } catch (error) {
        if (!(error instanceof AliasError)) throw error;
        issues.push({ path: name, message: error.message });
      }
      continue;
    }
    if (!type) {
      issues.push({ path: name, message: 'No $type on the token or any parent group' });
      continue;
    }
    const result = VALUE_SCHEMAS[type].safeParse(token.$value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({
          path: formatPath([...path, '$value', ...issue.path]),
          message: `${type}: ${issue.message}`,
        });
      }
      continue;
    }
    // Aliases inside composite values (a shadow's colour, say) must resolve too.
    try {
      resolveTokenInTree(tree, path);
    } catch (error) {
      if (!(error instanceof AliasError)) throw error;
      issues.push({ path: name, message: error.message });
    }
  }
  return issues;
}

function structuralIssues(input: unknown): TTokenIssue[] {
  const result = ZTokenGroupSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Validates one self-contained token file (every alias must resolve inside it) and returns it typed.
 * @param source a name for error messages, e.g. the file name
 */
export function parseTokenGroup(input: unknown, source = 'tokens'): TTokenGroup {
  const structural = structuralIssues(input);
  if (structural.length > 0) throw new TokenSetError(source, structural);
  const tree = input as TTokenGroup;
  const semantic = semanticIssues(tree);
  if (semantic.length > 0) throw new TokenSetError(source, semantic);
  return tree;
}

/** Validates a base file and its theme files; each theme is checked merged over the base. */
export function parseTokenSet(input: { base: unknown; themes: Record<string, unknown> }): TTokenSet {
  const base = parseTokenGroup(input.base, 'base');
  const themes = {} as Record<(typeof THEME_NAMES)[number], TTokenGroup>;
  for (const theme of THEME_NAMES) {
    const file = input.themes[theme];
    const source = `theme "${theme}"`;
    const structural = structuralIssues(file);
    if (structural.length > 0) throw new TokenSetError(source, structural);
    const themeTree = file as TTokenGroup;
    // Theme aliases point into the base, so check the theme merged over it. The base alone was
    // valid, so every issue found now comes from the theme.
    const semantic = semanticIssues(mergeTokenTrees(base, themeTree));
    if (semantic.length > 0) throw new TokenSetError(source, semantic);
    themes[theme] = themeTree;
  }
  const extra = Object.keys(input.themes).filter(
    (name) => !(THEME_NAMES as readonly string[]).includes(name),
  );
  if (extra.length > 0) {
    throw new TokenSetError('themes', [
      { path: extra.join(', '), message: `Unknown theme; expected ${THEME_NAMES.join(', ')}` },
    ]);
  }
  return { base, themes };
}
