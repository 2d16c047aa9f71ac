import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { parseResolverDocument, resolveTokens, toResolverDocument } from './resolver-document';
import { arbitraryTokenSet } from './testing/arbitrary-token-set';
import { TokenSetError } from './token-set.schema';
import type { TThemeName } from './token.types';
import { resolveThemeTree } from './token-tree.utils';

describe('resolver documents', () => {
  it('writes the DTCG 2025.10 resolver shape with inline sources', () => {
    const set = loadDefaultTokenSet();
    const document = toResolverDocument(set);
    expect(document.version).toBe('2025.10');
    expect(document.resolutionOrder).toEqual([{ $ref: '#/sets/base' }, { $ref: '#/modifiers/theme' }]);
    expect(document.sets['base']?.sources).toEqual([set.base]);
    expect(document.modifiers['theme']).toEqual({
      contexts: { light: [set.themes.light], dark: [set.themes.dark] },
      default: 'light',
    });
    expect(document.sets['base']?.sources[0]).not.toBe(set.base);
  });

  it('round-trips the default set and generated sets (also through JSON)', () => {
    const set = loadDefaultTokenSet();
    expect(parseResolverDocument(JSON.parse(JSON.stringify(toResolverDocument(set))))).toEqual(set);
    fc.assert(
      fc.property(arbitraryTokenSet({ maxTokens: 20 }), (generated) => {
        expect(parseResolverDocument(toResolverDocument(generated))).toEqual(generated);
      }),
      { numRuns: 50 },
    );
  });

  it('merges several sets and sources in order, and follows pointers into the document', () => {
    const set = parseResolverDocument({
      version: '2025.10',
      sets: {
        palette: { sources: [{ n: { $type: 'number', a: { $value: 1 }, b: { $value: 2 } } }] },
        overrides: { sources: [{ $ref: '#/$defs/extra' }] },
      },
      $defs: { extra: { n: { b: { $value: 3 } } } },
      modifiers: {
        theme: { contexts: { light: [], dark: [{ n: { a: { $value: '{n.b}' } } }] }, default: 'light' },
      },
      resolutionOrder: [
        { $ref: '#/sets/palette' },
        { $ref: '#/sets/overrides' },
        { $ref: '#/modifiers/theme' },
      ],
    });
    expect(set.base).toEqual({ n: { $type: 'number', a: { $value: 1 }, b: { $value: 3 } } });
    expect(set.themes.light).toEqual({});
  });

  it('rejects external files, other modifiers and invalid tokens with a TokenSetError', () => {
    const document = toResolverDocument(loadDefaultTokenSet()) as unknown as Record<string, unknown>;
    const external = { ...document, sets: { base: { sources: [{ $ref: 'tokens/base.json' }] } } };
    expect(() => parseResolverDocument(external)).toThrow(TokenSetError);
    expect(() => parseResolverDocument(external)).toThrow(
      /External \$ref "tokens\/base.json" is not supported/,
    );
    expect(() => parseResolverDocument({ ...document, version: '1.0' })).toThrow(/version/);
    expect(() =>
      parseResolverDocument({
        ...document,
        modifiers: { theme: { contexts: { light: [], dark: [], sepia: [] } } },
      }),
    ).toThrow(/contexts light, dark/);
    expect(() => parseResolverDocument(null)).toThrow(TokenSetError);
    const invalid = toResolverDocument({
      base: { x: { $type: 'number', $value: '{y}' } },
      themes: { light: {}, dark: {} },
    });
    expect(() => parseResolverDocument(invalid)).toThrow(/No token at \{y\}/);
  });

  it('resolves on request by modifier inputs', () => {
    const set = loadDefaultTokenSet();
    for (const theme of ['light', 'dark'] as TThemeName[]) {
      expect(resolveTokens(set, { theme })).toEqual(resolveThemeTree(set, theme));
    }
    expect(resolveTokens(set)).toEqual(resolveThemeTree(set, 'light'));
    expect(() => resolveTokens(set, { theme: 'sepia' as TThemeName })).toThrow(/Unknown theme "sepia"/);
    expect(() => resolveTokens(set, { density: 'compact' } as never)).toThrow(/Unknown modifier "density"/);
  });
});
