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
  parseTokenGroup,
  parseTokenSet,
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
export { auditContrast, CONTRAST_MINIMUMS, formatContrastCheck, type TContrastCheck } from './contrast.audit';
