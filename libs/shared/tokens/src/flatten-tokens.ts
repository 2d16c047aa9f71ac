/** Flattening a token tree into a list, the shape exports, tables and diffs want. */
import { resolveTokenInTree } from './alias.resolver';
import type { TFlatToken, TResolvedToken, TTokenGroup } from './token.types';
import { parseAliasPath, walkTokens } from './token-tree.utils';

/**
 * Every token of `group` in document order with its effective `$type` (own, else inherited from the
 * nearest group, else that of the token its alias resolves to within `group`) and its `$value` as
 * written. Throws `AliasError` when an untyped alias cannot be resolved inside `group`.
 */
export function flattenTokens(group: TTokenGroup): TFlatToken[] {
  return [...walkTokens(group)].map(({ path, token, type }) => {
    const aliasOf = parseAliasPath(token.$value);
    const flat: TFlatToken = {
      path,
      type: type ?? resolveTokenInTree(group, path).type,
      value: token.$value,
      description: token.$description,
    };
    if (aliasOf) flat.aliasOf = aliasOf;
    return flat;
  });
}

/** Every token of `group` with its alias chain followed: literal values only. */
export function resolveAllTokens(group: TTokenGroup): TResolvedToken[] {
  return [...walkTokens(group)].map(({ path }) => resolveTokenInTree(group, path));
}
