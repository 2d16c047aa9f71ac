import { describe, expect, it } from 'vitest';
import { AliasError, createAliasResolver, resolveAlias, resolveTokenInTree } from './alias.resolver';
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

describe('composite values', () => {
  const px = (value: number) => ({ value, unit: 'px' });
  const composite: TTokenGroup = {
    color: { $type: 'color', red: { $value: red }, danger: { $value: '{color.red}' } },
    size: { $type: 'dimension', hair: { $value: px(1) }, dash: { $value: px(4) } },
    ratio: { $type: 'number', half: { $value: 0.5 }, body: { $value: 1.5 } },
    motion: {
      fast: { $type: 'duration', $value: { value: 150, unit: 'ms' } },
      none: { $type: 'duration', $value: { value: 0, unit: 'ms' } },
      ease: { $type: 'cubicBezier', $value: [0.2, 0, 0, 1] },
    },
    font: {
      sans: { $type: 'fontFamily', $value: ['Inter', 'sans-serif'] },
      bold: { $type: 'fontWeight', $value: 'bold' },
    },
    stroke: {
      $type: 'strokeStyle',
      dashed: { $value: { dashArray: ['{size.dash}', px(2)], lineCap: 'round' } },
      alias: { $value: '{stroke.dashed}' },
    },
    border: {
      $type: 'border',
      card: { $value: { color: '{color.danger}', width: '{size.hair}', style: '{stroke.alias}' } },
      inline: {
        $value: { color: red, width: px(2), style: { dashArray: ['{size.dash}'], lineCap: 'butt' } },
      },
      wrong: { $value: { color: '{size.hair}', width: px(1), style: 'solid' } },
      loop: { $value: { color: red, width: px(1), style: '{stroke.back}' } },
    },
    transition: {
      $type: 'transition',
      quick: {
        $value: { duration: '{motion.fast}', delay: '{motion.none}', timingFunction: '{motion.ease}' },
      },
      bad: { $value: { duration: '{motion.ease}', delay: '{motion.none}', timingFunction: [0, 0, 1, 1] } },
    },
    gradient: {
      $type: 'gradient',
      fade: {
        $value: [
          { color: '{color.red}', position: 0 },
          { color: red, position: '{ratio.half}' },
        ],
      },
    },
    typography: {
      $type: 'typography',
      body: {
        $value: {
          fontFamily: '{font.sans}',
          fontSize: '{size.dash}',
          fontWeight: '{font.bold}',
          letterSpacing: px(0),
          lineHeight: '{ratio.body}',
        },
      },
      missing: {
        $value: {
          fontFamily: 'Inter',
          fontSize: px(16),
          fontWeight: 400,
          letterSpacing: px(0),
          lineHeight: '{ratio.nope}',
        },
      },
    },
  };
  (composite['stroke'] as TTokenGroup)['back'] = { $value: '{border.loop}' };

  it('resolves aliases in every composite part, nested ones included', () => {
    expect(resolveTokenInTree(composite, 'border.card').value).toEqual({
      color: red,
      width: px(1),
      style: { dashArray: [px(4), px(2)], lineCap: 'round' },
    });
    expect(resolveTokenInTree(composite, 'border.inline').value).toMatchObject({
      style: { dashArray: [px(4)], lineCap: 'butt' },
    });
    expect(resolveTokenInTree(composite, 'transition.quick').value).toEqual({
      duration: { value: 150, unit: 'ms' },
      delay: { value: 0, unit: 'ms' },
      timingFunction: [0.2, 0, 0, 1],
    });
    expect(resolveTokenInTree(composite, 'gradient.fade').value).toEqual([
      { color: red, position: 0 },
      { color: red, position: 0.5 },
    ]);
    expect(resolveTokenInTree(composite, 'typography.body').value).toEqual({
      fontFamily: ['Inter', 'sans-serif'],
      fontSize: px(4),
      fontWeight: 'bold',
      letterSpacing: px(0),
      lineHeight: 1.5,
    });
  });

  it('type-checks each part and says which part failed', () => {
    const wrong = aliasError(() => resolveTokenInTree(composite, 'border.wrong'));
    expect(wrong).toMatchObject({ reason: 'type-mismatch', via: ['color'], target: ['size', 'hair'] });
    expect(wrong.message).toBe('{size.hair} is a dimension token where a color is expected');
    expect(aliasError(() => resolveTokenInTree(composite, 'transition.bad'))).toMatchObject({
      reason: 'type-mismatch',
      via: ['duration'],
    });
    expect(aliasError(() => resolveTokenInTree(composite, 'typography.missing'))).toMatchObject({
      reason: 'missing',
      via: ['lineHeight'],
      message: 'No token at {ratio.nope} (referenced by {typography.missing})',
    });
  });

  it('detects cycles through sub-values', () => {
    const error = aliasError(() => resolveTokenInTree(composite, 'border.loop'));
    expect(error.reason).toBe('cycle');
    expect(error.via).toEqual(['style']);
    expect(error.message).toBe('Alias cycle: border.loop → stroke.back → border.loop');
    const fromAlias = aliasError(() => resolveTokenInTree(composite, 'stroke.back'));
    expect(fromAlias.via).toBeUndefined();
    expect(fromAlias.message).toBe('Alias cycle: stroke.back → border.loop → stroke.back');
  });

  it('memoizes: one resolver gives each token its own view of a shared failure', () => {
    const resolver = createAliasResolver(tree);
    expect(resolver.check('color.loop')?.message).toBe('Alias cycle: color.loop → color.loop-b → color.loop');
    expect(resolver.check('color.loop-b')?.message).toBe(
      'Alias cycle: color.loop-b → color.loop → color.loop-b',
    );
    expect(resolver.check('color.error')).toBeUndefined();
    expect(resolver.resolve('color.error').chain).toHaveLength(3);
    expect(resolver.tryResolve('color.missing')).toBeInstanceOf(AliasError);
  });
});
