import { describe, expect, it } from 'vitest';
import { flattenTokens, resolveAllTokens } from './flatten-tokens';
import type { TTokenGroup } from './token.types';
import { mergeTokenTrees } from './token-tree.utils';

const tree: TTokenGroup = {
  $description: 'root',
  size: {
    $type: 'dimension',
    $root: { $value: { value: 4, unit: 'px' }, $description: 'base' },
    sm: { $value: { value: 8, unit: 'px' } },
    nested: {
      $description: 'no $type here: inherits dimension from size',
      lg: { $value: { value: 16, unit: 'px' } },
    },
    ratio: { $type: 'number', $value: 1.5 },
  },
  alias: { $value: '{size.nested.lg}' },
};

describe('flattenTokens', () => {
  it('lists every token in document order, $root first', () => {
    expect(flattenTokens(tree).map((token) => token.path.join('.'))).toEqual([
      'size.$root',
      'size.sm',
      'size.nested.lg',
      'size.ratio',
      'alias',
    ]);
  });

  it('inherits $type from the nearest group and lets a token override it', () => {
    const byName = new Map(flattenTokens(tree).map((token) => [token.path.join('.'), token]));
    expect(byName.get('size.nested.lg')?.type).toBe('dimension');
    expect(byName.get('size.ratio')?.type).toBe('number');
    expect(byName.get('size.$root')?.description).toBe('base');
  });

  it('types an untyped alias by its target and records the alias', () => {
    const alias = flattenTokens(tree).find((token) => token.path[0] === 'alias');
    expect(alias).toEqual({
      path: ['alias'],
      type: 'dimension',
      value: '{size.nested.lg}',
      description: undefined,
      aliasOf: ['size', 'nested', 'lg'],
    });
  });

  it('resolveAllTokens replaces aliases with values', () => {
    const alias = resolveAllTokens(tree).find((token) => token.path[0] === 'alias');
    expect(alias?.value).toEqual({ value: 16, unit: 'px' });
  });
});

describe('mergeTokenTrees', () => {
  it('merges groups member by member, later trees winning, without touching the inputs', () => {
    const theme: TTokenGroup = {
      size: { sm: { $value: { value: 10, unit: 'px' } }, xl: { $value: { value: 32, unit: 'px' } } },
    };
    const merged = mergeTokenTrees(tree, theme);
    const names = flattenTokens(merged).map((token) => [token.path.join('.'), token.value]);
    expect(names).toContainEqual(['size.sm', { value: 10, unit: 'px' }]);
    expect(names).toContainEqual(['size.xl', { value: 32, unit: 'px' }]);
    expect(names).toContainEqual(['size.nested.lg', { value: 16, unit: 'px' }]);
    expect(flattenTokens(tree).find((token) => token.path.join('.') === 'size.sm')?.value).toEqual({
      value: 8,
      unit: 'px',
    });
  });
});
