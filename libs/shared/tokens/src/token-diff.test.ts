import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveTokenInTree } from './alias.resolver';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { arbitraryTokenSet } from './testing/arbitrary-token-set';
import { diffTokenSets } from './token-diff';
import type { TThemeName, TToken, TTokenGroup, TTokenSet, TTokenType } from './token.types';
import { getNode, mergeTokenTrees, pathToName, walkTokens } from './token-tree.utils';

const px = (value: number) => ({ value, unit: 'px' });
const base = (): TTokenGroup => ({
  size: {
    $type: 'dimension',
    sm: { $value: px(4) },
    md: { $value: px(8) },
    lg: { $value: px(16), $deprecated: 'Use size.xl' },
    gap: { $value: '{size.sm}' },
  },
  ratio: { $type: 'number', half: { $value: 0.5 } },
});
const setOf = (root: TTokenGroup, dark: TTokenGroup = {}): TTokenSet => ({
  base: root,
  themes: { light: {}, dark },
});

describe('diffTokenSets', () => {
  it('finds nothing between equal sets (key order does not matter)', () => {
    const previous = setOf(base());
    const next = setOf(base());
    (next.base['ratio'] as TTokenGroup)['half'] = { $value: 0.5 };
    expect(diffTokenSets(previous, next)).toEqual({
      changes: [],
      summary: {
        added: 0,
        removed: 0,
        renamed: 0,
        'value-changed': 0,
        'type-changed': 0,
        deprecated: 0,
        undeprecated: 0,
      },
      bump: 'none',
      isBreaking: false,
    });
  });

  it('classifies value changes as a patch, alias text included', () => {
    const next = base();
    const size = next['size'] as TTokenGroup;
    size['sm'] = { $value: px(5) };
    size['gap'] = { $value: '{size.md}' };
    const diff = diffTokenSets(setOf(base()), setOf(next));
    expect(diff.changes).toEqual([
      {
        kind: 'value-changed',
        path: 'size.gap',
        theme: null,
        before: { type: 'dimension', value: '{size.sm}' },
        after: { type: 'dimension', value: '{size.md}' },
      },
      {
        kind: 'value-changed',
        path: 'size.sm',
        theme: null,
        before: { type: 'dimension', value: px(4) },
        after: { type: 'dimension', value: px(5) },
      },
    ]);
    expect(diff.bump).toBe('patch');
    expect(diff.isBreaking).toBe(false);
  });

  it('classifies additions, deprecations and undeprecations as minor', () => {
    const next = base();
    const size = next['size'] as TTokenGroup;
    size['xl'] = { $value: px(32) };
    size['md'] = { $value: px(8), $deprecated: true };
    size['lg'] = { $value: px(17) };
    const diff = diffTokenSets(setOf(base()), setOf(next));
    expect(diff.changes.map((c) => [c.kind, c.path])).toEqual([
      ['value-changed', 'size.lg'],
      ['undeprecated', 'size.lg'],
      ['deprecated', 'size.md'],
      ['added', 'size.xl'],
    ]);
    expect(diff.changes[2]?.after).toEqual({ type: 'dimension', value: px(8), deprecated: true });
    expect(diff.summary).toMatchObject({ added: 1, deprecated: 1, undeprecated: 1, 'value-changed': 1 });
    expect(diff.bump).toBe('minor');
  });

  it('inherits $deprecated from groups', () => {
    const next = base();
    (next['ratio'] as TTokenGroup).$deprecated = 'Ratios are going away';
    expect(diffTokenSets(setOf(base()), setOf(next)).changes).toEqual([
      {
        kind: 'deprecated',
        path: 'ratio.half',
        theme: null,
        before: { type: 'number', value: 0.5 },
        after: { type: 'number', value: 0.5, deprecated: 'Ratios are going away' },
      },
    ]);
  });

  it('classifies removals, renames and type changes as major (breaking)', () => {
    const next = base();
    const size = next['size'] as TTokenGroup;
    delete size['md'];
    delete size['sm'];
    size['small'] = { $value: px(4) };
    delete (next['ratio'] as TTokenGroup)['half'];
    (next['ratio'] as TTokenGroup)['half'] = { $type: 'dimension', $value: px(1) };
    const diff = diffTokenSets(setOf(base()), setOf(next));
    expect(diff.changes).toEqual([
      {
        kind: 'type-changed',
        path: 'ratio.half',
        theme: null,
        before: { type: 'number', value: 0.5 },
        after: { type: 'dimension', value: px(1) },
      },
      { kind: 'removed', path: 'size.md', theme: null, before: { type: 'dimension', value: px(8) } },
      {
        kind: 'renamed',
        path: 'size.small',
        previousPath: 'size.sm',
        theme: null,
        before: { type: 'dimension', value: px(4) },
        after: { type: 'dimension', value: px(4) },
      },
    ]);
    expect(diff.bump).toBe('major');
    expect(diff.isBreaking).toBe(true);
  });

  it('pairs renames one-to-one in path order, and only within the same type and value', () => {
    const previous: TTokenGroup = {
      n: { $type: 'number', a: { $value: 1 }, b: { $value: 1 }, c: { $value: 2 } },
    };
    const next: TTokenGroup = {
      n: { $type: 'number', x: { $value: 1 }, y: { $value: 1 }, z: { $value: 3 } },
    };
    const diff = diffTokenSets(setOf(previous), setOf(next));
    expect(diff.changes.map((c) => [c.kind, c.previousPath ?? '', c.path])).toEqual([
      ['removed', '', 'n.c'],
      ['renamed', 'n.a', 'n.x'],
      ['renamed', 'n.b', 'n.y'],
      ['added', '', 'n.z'],
    ]);
    expect(diff.summary.renamed).toBe(2);
  });

  it('compares each theme file on its own, typing theme tokens through the base', () => {
    const previous = setOf(base(), { size: { gap: { $value: '{size.md}' } } });
    const next = setOf(base(), { size: { gap: { $value: '{size.lg}' }, edge: { $value: px(1) } } });
    const diff = diffTokenSets(previous, next);
    expect(diff.changes.map((c) => [c.theme, c.kind, c.path, c.after?.type])).toEqual([
      ['dark', 'added', 'size.edge', 'dimension'],
      ['dark', 'value-changed', 'size.gap', 'dimension'],
    ]);
    expect(diff.bump).toBe('minor');
  });

  it('orders changes by source (base, light, dark), then path', () => {
    const previous: TTokenSet = { base: base(), themes: { light: {}, dark: {} } };
    const next: TTokenSet = {
      base: { ...base(), a: { $type: 'number', $value: 1 } },
      themes: { light: { b: { $type: 'number', $value: 2 } }, dark: { a: { $type: 'number', $value: 3 } } },
    };
    expect(diffTokenSets(previous, next).changes.map((c) => [c.theme, c.path])).toEqual([
      [null, 'a'],
      ['light', 'b'],
      ['dark', 'a'],
    ]);
  });

  it('throws a TokenSetError when a token type cannot be told', () => {
    expect(() => diffTokenSets(setOf({ x: { $value: 1 } }), setOf({}))).toThrow(/Cannot tell the type/);
  });

  it('diffs the default set against itself as empty', () => {
    expect(diffTokenSets(loadDefaultTokenSet(), loadDefaultTokenSet()).bump).toBe('none');
  });
});

/** A literal of `type` that differs from `value` (as JSON). */
function otherLiteral(type: TTokenType, value: unknown): unknown {
  switch (type) {
    case 'number':
      return (value as number) + 1;
    case 'dimension': {
      const dimension = value as { value: number; unit: string };
      return { ...dimension, value: dimension.value + 1 };
    }
    case 'fontWeight':
      return value === 123 ? 124 : 123;
    case 'fontFamily':
      return JSON.stringify(value) === '"Changed"' ? 'Changed too' : 'Changed';
    default:
      return { changed: JSON.stringify(value) };
  }
}

const SOURCES = [null, 'light', 'dark'] as const;

describe('diffTokenSets (property)', () => {
  it('diff(s, s) is empty with bump none', () => {
    fc.assert(
      fc.property(arbitraryTokenSet(), (set) => {
        const diff = diffTokenSets(set, structuredClone(set));
        expect(diff.changes).toEqual([]);
        expect(diff.bump).toBe('none');
      }),
      { numRuns: 150 },
    );
  });

  it('changing one token value yields exactly that value change', () => {
    fc.assert(
      fc.property(arbitraryTokenSet(), fc.nat(), fc.nat(2), (set, pick, sourcePick) => {
        const theme = SOURCES[sourcePick] ?? null;
        const tree = (s: TTokenSet) => (theme ? s.themes[theme as TThemeName] : s.base);
        const tokens = [...walkTokens(tree(set))];
        fc.pre(tokens.length > 0);
        const { path } = tokens[pick % tokens.length] ?? { path: [] };
        const context = theme ? mergeTokenTrees(set.base, set.themes[theme as TThemeName]) : set.base;
        const type = resolveTokenInTree(context, path).type;
        const next = structuredClone(set);
        const found = getNode(tree(next), path);
        const token = found?.node as TToken;
        token.$type = type;
        token.$value = otherLiteral(type, resolveTokenInTree(context, path).value) as TToken['$value'];
        const diff = diffTokenSets(set, next);
        expect(diff.changes.map((c) => [c.kind, c.path, c.theme])).toEqual([
          ['value-changed', pathToName(path), theme],
        ]);
        expect(diff.bump).toBe('patch');
      }),
      { numRuns: 150 },
    );
  });
});
