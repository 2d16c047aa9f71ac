// @lumenforge/tokens: the Luminera DTCG token model, the default token set, and the theme CSS generator.
export type {
  TAlias,
  TColorComponent,
  TColorSpace,
  TColorValue,
  TCubicBezierValue,
  TDimensionValue,
  TDurationValue,
  TExtensions,
  TFlatToken,
  TFontFamilyValue,
  TFontWeightValue,
  TResolvedToken,
  TShadowLayer,
  TShadowValue,
  TThemeName,
  TToken,
  TTokenGroup,
  TTokenSet,
  TTokenType,
  TTokenValue,
  TTokenValueByType,
} from './token.types';
export { COLOR_SPACES, THEME_NAMES, TOKEN_TYPES } from './token.types';
export {
  FONT_WEIGHT_NAMES,
  TokenSetError,
  VALUE_SCHEMAS,
  ZAliasSchema,
  ZColorValueSchema,
  ZCubicBezierValueSchema,
  ZDimensionValueSchema,
  ZDurationValueSchema,
  ZFontFamilyValueSchema,
  ZFontWeightValueSchema,
  ZShadowValueSchema,
  ZTokenGroupSchema,
  ZTokenSchema,
  ZTokenTypeSchema,
  type TTokenIssue,
} from './token-set.schema';
export {
  getNode,
  groupChildren,
  isAlias,
  isToken,
  mergeTokenTrees,
  parseAliasPath,
  resolveThemeTree,
  toAlias,
  walkTokens,
} from './token-tree.utils';
export { AliasError, resolveAlias, resolveTokenInTree, type TAliasErrorReason } from './alias.resolver';
export { flattenTokens, resolveAllTokens } from './flatten-tokens';
export { loadDefaultTokenSet } from './default-token-set.loader';
export {
  ACCENT_ROLES,
  DEFAULT_SYSTEM,
  PALETTE_STEPS,
  SEMANTIC_COLORS,
  STATUS_PALETTES,
  SYSTEM_PALETTES,
  type TAccentRole,
  type TStatusPalette,
  type TSystemPalette,
} from './system-palettes';
export {
  buildThemeVariables,
  cssVariableName,
  generateThemeCss,
  tailwindClassFor,
  type TCssDeclaration,
  type TThemeVariables,
} from './theme-css.generator';
export { colorToCss } from './css-value.formatter';
export {
  contrastRatio,
  hexToOklch,
  isOklchInSrgbGamut,
  maxSrgbChroma,
  oklchToHex,
  oklchToSrgb,
  relativeLuminance,
  srgbToOklch,
  type TColorInput,
  type TOklch,
  type TRgb,
} from './color';
export {
  auditContrast,
  CONTRAST_MINIMUMS,
  contrastAuditIssues,
  formatContrastCheck,
  type TContrastCheck,
} from './contrast.audit';
// Exports and import (SLATE): token entries, CSS variables, theme CSS, TypeScript, DTCG JSON.
export {
  filterEntriesByCategory,
  TOKEN_CATEGORIES,
  tokenEntries,
  type TTokenCategory,
  type TTokenEntriesOptions,
  type TTokenEntry,
} from './export/token-entries';
export {
  colorToHexCss,
  cssVariables,
  cssVariableValue,
  exportCssVariables,
  kebabCase,
  kebabVariableName,
  type TCssColorFormat,
  type TCssVariable,
  type TCssVariablesOptions,
} from './export/css-variables';
export { exportRuntimeThemeCss, exportTailwindTheme } from './export/theme-css';
export { exportTypeScript } from './export/typescript-module';
export {
  exportDtcgJson,
  importDtcgJson,
  TOKEN_BUNDLE_SCHEMA,
  type TImportResult,
  type TTokenBundle,
} from './export/dtcg-json';
export { findJsonSyntaxError, type TJsonSyntaxError } from './export/json-syntax';
// DTCG 2025.10 composites, validation, resolver documents, diffs and versions.
export type {
  TBorderValue,
  TGradientStop,
  TGradientValue,
  TLineCap,
  TStrokeStyleKeyword,
  TStrokeStyleValue,
  TTransitionValue,
  TTypographyValue,
} from './token.types';
export { LINE_CAPS, STROKE_STYLE_KEYWORDS } from './token.types';
export {
  COLOR_COMPONENT_RANGES,
  formatIssue,
  isTokenType,
  treeShapeIssues,
  ZBorderValueSchema,
  ZGradientValueSchema,
  ZStrokeStyleValueSchema,
  ZTransitionValueSchema,
  ZTypographyValueSchema,
  type TTokenIssueRule,
} from './token-set.schema';
export {
  COMPOSITE_PART_TYPES,
  createAliasResolver,
  resolveValueParts,
  type TAliasResolver,
  type TValuePath,
} from './alias.resolver';
export {
  borderToCss,
  colorToHex,
  colorToSrgb,
  displayP3ToSrgb,
  gradientToCss,
  strokeStyleToCss,
  tokenValueToCss,
  transitionToCss,
  typographyToCss,
  type TReferenceToCss,
} from './css-value.formatter';
export {
  CONTRAST_EXTENSION,
  declaredContrastPairs,
  parseTokenGroup,
  parseTokenSet,
  validateTokenGroup,
  validateTokenSet,
  type TContrastPair,
  type TValidationResult,
} from './token-validation';
export {
  parseResolverDocument,
  resolveTokens,
  RESOLVER_VERSION,
  toResolverDocument,
  type TResolverDocument,
  type TResolverInputs,
  type TResolverModifier,
  type TResolverReference,
  type TResolverSet,
  type TResolverSource,
} from './resolver-document';
export {
  diffTokenSets,
  emptyChangeSummary,
  stableStringify,
  TOKEN_CHANGE_KINDS,
  type TTokenChange,
  type TTokenChangeKind,
  type TTokenDiff,
  type TTokenState,
} from './token-diff';
export {
  bumpSemver,
  compareSemver,
  formatSemver,
  parseSemver,
  type TSemver,
  type TVersionBump,
} from './semver';
