/**
 * Validation that collects every problem of a token file or token set instead of stopping at the
 * first: JSON shape, DTCG names, type–value agreement, aliases (missing, cycles, type mismatches, also
 * inside composite values) and the WCAG 2.2 contrast pairs the set declares. `validateTokenSet` /
 * `validateTokenGroup` never throw on bad input; `parseTokenSet` / `parseTokenGroup` run them and throw
 * a `TokenSetError` listing every issue.
 *
 * Each tree is resolved with one memoizing resolver, so a set of 10,000 tokens validates in well
 * under a second.
 */
import { z } from 'zod';
import {
  AliasError,
  createAliasResolver,
  type TAliasErrorReason,
  type TAliasResolver,
} from './alias.resolver';
import { contrastRatio } from './color';
import { colorToSrgb } from './css-value.formatter';
import {
  formatPath,
  isTokenType,
  TokenSetError,
  treeShapeIssues,
  VALUE_SCHEMAS,
  type TTokenIssue,
  type TTokenIssueRule,
} from './token-set.schema';
import {
  THEME_NAMES,
  type TColorValue,
  type TThemeName,
  type TTokenGroup,
  type TTokenSet,
} from './token.types';
import {
  isAlias,
  isPlainObject,
  mergeTokenTrees,
  parseAliasPath,
  pathToName,
  walkTokens,
} from './token-tree.utils';

/** The `$extensions` key (on the base file's root) under which a set declares its contrast pairs. */
export const CONTRAST_EXTENSION = 'io.lumenforge.contrast';

export const ZContrastPairSchema = z.object({
  /** Dotted token paths. */
  foreground: z.string().min(1),
  background: z.string().min(1),
  /** WCAG 2.2 ratio the pair must reach: 7 (AAA text), 4.5 (AA text), 3 (non-text, large text). */
  minimum: z.number().min(1).max(21),
  /** Themes to check in; all themes when absent. */
  themes: z.array(z.enum(THEME_NAMES)).min(1).optional(),
});
export const ZContrastExtensionSchema = z.object({ pairs: z.array(ZContrastPairSchema) });
export type TContrastPair = z.infer<typeof ZContrastPairSchema>;

export type TValidationResult<T> = { issues: TTokenIssue[] } & T;

const issue = (path: string, message: string, rule: TTokenIssueRule, theme?: TThemeName): TTokenIssue =>
  theme ? { path, message, theme, rule, severity: 'error' } : { path, message, rule, severity: 'error' };

const ALIAS_RULES: Readonly<Record<TAliasErrorReason, TTokenIssueRule>> = {
  missing: 'alias',
  'not-a-token': 'alias',
  untyped: 'alias',
  cycle: 'cycle',
  'type-mismatch': 'type-mismatch',
};

/** Type–value agreement and aliases of every token of `tree`, resolved with `resolver`. */
function tokenIssues(tree: TTokenGroup, resolver: TAliasResolver, theme?: TThemeName): TTokenIssue[] {
  const issues: TTokenIssue[] = [];
  const aliasIssue = (path: string[], error: AliasError) => {
    const at = error.via ? formatPath([...path, '$value', ...error.via]) : pathToName(path);
    issues.push(issue(at, error.message, ALIAS_RULES[error.reason], theme));
  };
  for (const { path, token, type } of walkTokens(tree)) {
    // An unknown `$type` (own or inherited) is a shape issue reported once, where it is written.
    if (type !== undefined && !isTokenType(type)) continue;
    const value: unknown = token.$value;
    if (isAlias(value)) {
      if (!parseAliasPath(value)) {
        issues.push(issue(pathToName(path), `Malformed alias "${value}"`, 'alias', theme));
        continue;
      }
      const error = resolver.check(path);
      if (error) aliasIssue(path, error);
      continue;
    }
    if (!type) {
      issues.push(issue(pathToName(path), 'No $type on the token or any parent group', 'type', theme));
      continue;
    }
    const result = VALUE_SCHEMAS[type].safeParse(value);
    if (!result.success) {
      for (const problem of result.error.issues) {
        issues.push(
          issue(
            formatPath([...path, '$value', ...problem.path]),
            `${type}: ${problem.message}`,
            'type',
            theme,
          ),
        );
      }
      continue;
    }
    if (typeof value === 'object' && value !== null) {
      // Aliases inside composite values (a border's colour, say) must resolve too.
      const error = resolver.check(path);
      if (error) aliasIssue(path, error);
    }
  }
  return issues;
}

const shapeIssues = (input: unknown, theme?: TThemeName): TTokenIssue[] =>
  treeShapeIssues(input).map(({ path, message, rule }) => issue(path, message, rule, theme));

/**
 * Validates one self-contained token file (every alias must resolve inside it). `group` is the input,
 * typed, when there are no issues, else `null`.
 */
export function validateTokenGroup(input: unknown): TValidationResult<{ group: TTokenGroup | null }> {
  const issues = shapeIssues(input);
  if (isPlainObject(input)) {
    const tree = input as TTokenGroup;
    issues.push(...tokenIssues(tree, createAliasResolver(tree)));
  }
  return { group: issues.length === 0 ? (input as TTokenGroup) : null, issues };
}

/** The contrast pairs a set declares (base root `$extensions["io.lumenforge.contrast"].pairs`). */
export function declaredContrastPairs(set: TTokenSet): TContrastPair[] {
  const result = ZContrastExtensionSchema.safeParse(set.base.$extensions?.[CONTRAST_EXTENSION]);
  return result.success ? result.data.pairs : [];
}

function contrastExtensionIssues(base: TTokenGroup): TTokenIssue[] {
  const declared = base.$extensions?.[CONTRAST_EXTENSION];
  if (declared === undefined) return [];
  const result = ZContrastExtensionSchema.safeParse(declared);
  if (result.success) return [];
  return result.error.issues.map((problem) =>
    issue(formatPath(['$extensions', CONTRAST_EXTENSION, ...problem.path]), problem.message, 'shape'),
  );
}

const ratioText = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

function contrastIssues(
  pairs: readonly TContrastPair[],
  resolvers: Readonly<Record<TThemeName, TAliasResolver>>,
): TTokenIssue[] {
  const issues: TTokenIssue[] = [];
  for (const pair of pairs) {
    const label = `${pair.foreground} on ${pair.background}`;
    for (const theme of pair.themes ?? THEME_NAMES) {
      const colors: TColorValue[] = [];
      for (const path of [pair.foreground, pair.background]) {
        const resolved = resolvers[theme].tryResolve(path);
        if (resolved instanceof AliasError) {
          // A broken alias is reported by the alias rules; a token that is not there at all is not.
          if (resolved.reason === 'missing' && pathToName(resolved.target) === path) {
            issues.push(issue(path, `${label}: no token ${path} in ${theme}`, 'contrast', theme));
          }
          break;
        }
        if (resolved.type !== 'color') {
          issues.push(
            issue(path, `${label}: ${path} is a ${resolved.type} token, not a color`, 'contrast', theme),
          );
          break;
        }
        colors.push(resolved.value as TColorValue);
      }
      const [foreground, background] = colors;
      if (!foreground || !background) continue;
      let ratio: number;
      try {
        ratio = contrastRatio(colorToSrgb(foreground), colorToSrgb(background));
      } catch (error) {
        issues.push(issue(pair.foreground, `${label}: ${(error as Error).message}`, 'contrast', theme));
        continue;
      }
      if (ratio < pair.minimum) {
        issues.push(
          issue(
            pair.foreground,
            `${label} is ${ratioText(ratio)} in ${theme}; WCAG 2.2 needs ${pair.minimum}:1`,
            'contrast',
            theme,
          ),
        );
      }
    }
  }
  return issues;
}

const issueKey = (found: TTokenIssue) => `${found.path}\u0000${found.rule}\u0000${found.message}`;

/**
 * Validates a token set (`{ base, themes: { light, dark } }`), collecting every issue:
 * - `shape`: the set's and each tree's JSON shape (groups, token and group properties)
 * - `name`: DTCG names (not empty, no `{`, `}` or `.`, no `$` prefix unless a known property)
 * - `type`: unknown `$type`s, untyped tokens, values that do not match their type
 * - `alias`, `cycle`, `type-mismatch`: references, also inside composite values; a theme is checked
 *   merged over the base, and reports only what the base alone does not
 * - `contrast`: the pairs declared in the base's root `$extensions["io.lumenforge.contrast"]`, in
 *   every theme they name (all by default)
 *
 * `set` is the input (typed, trees not copied) when every issue (if any) is a contrast failure, else
 * `null`: a set with poor contrast still works, a broken one does not. Never throws.
 */
export function validateTokenSet(input: unknown): TValidationResult<{ set: TTokenSet | null }> {
  if (!isPlainObject(input)) {
    return {
      set: null,
      issues: [issue('', 'Expected a token set: an object with "base" and "themes"', 'shape')],
    };
  }
  const issues: TTokenIssue[] = [];
  const themes = input['themes'];
  const base = isPlainObject(input['base']) ? (input['base'] as TTokenGroup) : undefined;
  if (base) {
    issues.push(...shapeIssues(base), ...contrastExtensionIssues(base));
  } else {
    issues.push(issue('', '"base" must be a token group (an object)', 'shape'));
  }
  const themeTrees: Partial<Record<TThemeName, TTokenGroup>> = {};
  if (!isPlainObject(themes)) {
    issues.push(issue('', `"themes" must be an object with ${THEME_NAMES.join(' and ')}`, 'shape'));
  } else {
    for (const theme of THEME_NAMES) {
      const tree = themes[theme];
      if (!isPlainObject(tree)) {
        issues.push(issue('', `Missing theme "${theme}" (expected a token group)`, 'shape', theme));
        continue;
      }
      issues.push(...shapeIssues(tree, theme));
      themeTrees[theme] = tree as TTokenGroup;
    }
    for (const name of Object.keys(themes)) {
      if (!(THEME_NAMES as readonly string[]).includes(name)) {
        issues.push(issue('', `Unknown theme "${name}"; expected ${THEME_NAMES.join(', ')}`, 'shape'));
      }
    }
  }
  if (base) {
    const baseIssues = tokenIssues(base, createAliasResolver(base));
    issues.push(...baseIssues);
    const seen = new Set(baseIssues.map(issueKey));
    const resolvers: Partial<Record<TThemeName, TAliasResolver>> = {};
    for (const theme of THEME_NAMES) {
      const tree = themeTrees[theme];
      if (!tree) continue;
      const merged = mergeTokenTrees(base, tree);
      const resolver = createAliasResolver(merged);
      resolvers[theme] = resolver;
      for (const found of tokenIssues(merged, resolver, theme)) {
        if (!seen.has(issueKey(found))) issues.push(found);
      }
    }
    if (resolvers.light && resolvers.dark) {
      const pairs = declaredContrastPairs({ base, themes: { light: {}, dark: {} } });
      issues.push(...contrastIssues(pairs, resolvers as Record<TThemeName, TAliasResolver>));
    }
  }
  // Contrast failures are design problems, not broken tokens: the set is still usable (a draft may
  // hold them while a designer adjusts the pair); anything else makes it unusable.
  const isUsable = issues.every((found) => found.rule === 'contrast');
  return {
    set: isUsable && base ? { base, themes: themeTrees as Record<TThemeName, TTokenGroup> } : null,
    issues,
  };
}

/**
 * Validates one self-contained token file (every alias must resolve inside it) and returns it typed.
 * Throws a `TokenSetError` listing every issue.
 * @param source a name for error messages, e.g. the file name
 */
export function parseTokenGroup(input: unknown, source = 'tokens'): TTokenGroup {
  const { group, issues } = validateTokenGroup(input);
  if (!group) throw new TokenSetError(source, issues);
  return group;
}

/**
 * Validates a base file and its theme files (each theme checked merged over the base), including the
 * contrast pairs the set declares, and returns the set. Throws a `TokenSetError` listing every issue.
 */
export function parseTokenSet(input: unknown): TTokenSet {
  const { set, issues } = validateTokenSet(input);
  if (!set) throw new TokenSetError('token set', issues);
  return set;
}
