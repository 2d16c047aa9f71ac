import { describe, expect, it } from 'vitest';
import { AliasError, resolveAlias, resolveTokenInTree } from './alias.resolver';
import type { TTokenGroup, TTokenSet } from './token.types';

const red = { colorSpace: 'oklch', components: [0.628, 0.2577, 29.23], hex: '#ff0000' } as const;

const tree: TTokenGroup = {
  color: {
    $type: 'color',
    red: { $value: red, $description: 'Pure red' },
    danger: { $value: '{color.red}' },
    error: { $value: '{color.danger}', $description: 'Errors' },
    loop: { $value: '{color.loop-b}' },
    'loop-b': { $value: '{color.loop}' },
    missing: { $value: '{color.nope}' },
    group: { $value: '{color}' },
  },
  space: {
    $type: 'dimension',
    $root: { $value: { value: 4, unit: 'px' } },
    base: { $value: '{space.$root}' },
    wrong: { $value: '{color.red}' },
  },
  shadow: {
    $type: 'shadow',
    sm: {
      $value: {
        color: '{color.error}',
        offsetX: { value: 0, unit: 'px' },
        offsetY: '{space.base}',
        blur: { value: 2, unit: 'px' },
        spread: { value: 0, unit: 'px' },
      },
    },
  },
};

function aliasError(run: () => unknown): AliasError {
  try {
    run();
  } catch (error) {
    if (error instanceof AliasError) return error;
    throw error;
  }
  throw new Error('expected an AliasError');
}

describe('resolveTokenInTree', () => {
  it('returns literal tokens as they are', () => {
    const resolved = resolveTokenInTree(tree, 'color.red');
    expect(resolved).toMatchObject({ type: 'color', value: red, description: 'Pure red' });
    expect(resolved.chain).toEqual([['color', 'red']]);
  });

  it('follows an alias of an alias to the value, keeping the chain', () => {
    const resolved = resolveTokenInTree(tree, '{color.error}');
    expect(resolved.value).toEqual(red);
    expect(resolved.type).toBe('color');
    expect(resolved.path).toEqual(['color', 'error']);
    expect(resolved.description).toBe('Errors');
    expect(resolved.chain).toEqual([
      ['color', 'error'],
      ['color', 'danger'],
      ['color', 'red'],
    ]);
  });

  it('resolves a group $root token', () => {
    expect(resolveTokenInTree(tree, ['space', 'base']).value).toEqual({ value: 4, unit: 'px' });
  });

  it('resolves aliases inside composite values', () => {
    const resolved = resolveTokenInTree(tree, 'shadow.sm');
    expect(resolved.value).toMatchObject({ color: red, offsetY: { value: 4, unit: 'px' } });
  });

  it('reports a missing target with the token that referenced it', () => {
    const error = aliasError(() => resolveTokenInTree(tree, 'color.missing'));
    expect(error.reason).toBe('missing');
    expect(error.target).toEqual(['color', 'nope']);
    expect(error.message).toBe('No token at {color.nope} (referenced by {color.missing})');
  });

  it('reports a path that does not exist at all', () => {
    expect(aliasError(() => resolveTokenInTree(tree, 'color.blue')).reason).toBe('missing');
  });

  it('detects cycles', () => {
    const error = aliasError(() => resolveTokenInTree(tree, 'color.loop'));
    expect(error.reason).toBe('cycle');
    expect(error.message).toContain('color.loop → color.loop-b → color.loop');
  });

  it('refuses aliases to groups and to tokens of another type', () => {
    expect(aliasError(() => resolveTokenInTree(tree, 'color.group')).reason).toBe('not-a-token');
    expect(aliasError(() => resolveTokenInTree(tree, 'space.wrong')).reason).toBe('type-mismatch');
  });
});

describe('resolveAlias', () => {
  const set: TTokenSet = {
    base: {
      color: {
        $type: 'color',
        red: { $value: red },
        black: { $value: { colorSpace: 'srgb', components: [0, 0, 0] } },
      },
    },
    themes: {
      light: { color: { fg: { $value: '{color.black}' }, link: { $value: '{color.fg}' } } },
      dark: { color: { fg: { $value: '{color.red}' }, link: { $value: '{color.fg}' } } },
    },
  };

  it('resolves theme aliases into the base, light by default', () => {
    expect(resolveAlias(set, 'color.link').value).toEqual({ colorSpace: 'srgb', components: [0, 0, 0] });
    expect(resolveAlias(set, 'color.link', 'dark').value).toEqual(red);
    expect(resolveAlias(set, ['color', 'link'], 'dark').chain).toHaveLength(3);
  });

  it('does not see tokens of the other theme', () => {
    const partial: TTokenSet = {
      ...set,
      themes: { ...set.themes, dark: { color: { only: { $value: '{color.red}' } } } },
    };
    expect(() => resolveAlias(partial, 'color.only', 'light')).toThrow(AliasError);
    expect(resolveAlias(partial, 'color.only', 'dark').value).toEqual(red);
  });
});
