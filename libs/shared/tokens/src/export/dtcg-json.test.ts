import { describe, expect, it } from 'vitest';
import { loadDefaultTokenSet } from '../default-token-set.loader';
import { toResolverDocument } from '../resolver-document';
import type { TTokenSet } from '../token.types';
import { exportDtcgJson, importDtcgJson, TOKEN_BUNDLE_SCHEMA } from './dtcg-json';
import { findJsonSyntaxError } from './json-syntax';

const set = loadDefaultTokenSet();

const small: TTokenSet = {
  base: {
    $schema: 'https://www.designtokens.org/schemas/2025.10/format.json',
    $description: 'Small set',
    color: {
      $type: 'color',
      $extensions: { 'com.example': { tier: 1 } },
      ink: {
        $value: { colorSpace: 'srgb', components: [0, 0, 0], hex: '#000000' },
        $description: 'Ink',
        $deprecated: 'Use color.text',
      },
      text: { $value: '{color.ink}', $deprecated: false },
    },
  },
  themes: {
    light: { color: { $type: 'color', bg: { $value: { colorSpace: 'oklch', components: [1, 0, 0] } } } },
    dark: { color: { $type: 'color', bg: { $value: '{color.ink}' } } },
  },
};

describe('exportDtcgJson', () => {
  it('writes one pretty-printed bundle of the base and the themes', () => {
    const text = exportDtcgJson(small);
    const document = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['$schema', 'base', 'themes']);
    expect(document.$schema).toBe(TOKEN_BUNDLE_SCHEMA);
    expect(document.base).toEqual(small.base);
    expect(document.themes).toEqual(small.themes);
    expect(text).toContain('\n  "base": {\n');
    expect(text).toContain('"$deprecated": "Use color.text"');
    expect(text).toContain('"$extensions"');
  });
});

describe('importDtcgJson', () => {
  it.each([
    ['the default set', set],
    ['a small set with descriptions, deprecations, extensions, aliases', small],
  ])('gives back %s unchanged, with no issues', (_, input) => {
    const result = importDtcgJson(exportDtcgJson(input));
    expect(result.issues).toEqual([]);
    expect(result.set).toEqual(input);
  });

  it('takes a single DTCG file as the base, with empty themes', () => {
    const result = importDtcgJson(JSON.stringify(small.base));
    expect(result.issues).toEqual([]);
    expect(result.set).toEqual({ base: small.base, themes: { light: {}, dark: {} } });
  });

  it('reads a DTCG Resolver document (base set + theme modifier)', () => {
    const result = importDtcgJson(JSON.stringify(toResolverDocument(set)));
    expect(result.issues).toEqual([]);
    expect(result.set).toEqual(set);
    const broken = importDtcgJson(JSON.stringify({ ...toResolverDocument(set), version: '1999' }));
    expect(broken.set).toBeNull();
    expect(broken.issues).toEqual([expect.objectContaining({ path: 'version' })]);
  });

  it('accepts a byte-order mark', () => {
    expect(importDtcgJson(`\uFEFF${exportDtcgJson(small)}`).set).toEqual(small);
  });

  it('reports JSON syntax errors with line and column', () => {
    const text = '{\n  "color": {\n    "$type": "color",\n  }\n}';
    const result = importDtcgJson(text);
    expect(result.set).toBeNull();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.message).toMatch(/^JSON syntax error at line 4, column 3: /);
    expect(importDtcgJson('').issues[0]?.message).toMatch(/line 1, column 1/);
    expect(importDtcgJson('{"a": tru}').issues[0]?.message).toMatch(
      /line 1, column 10: Unexpected "}", expected "true"/,
    );
  });

  it('reports validation problems with their paths, and never throws', () => {
    const broken = structuredClone(small);
    (broken.themes.dark.color as Record<string, unknown>).bg = { $value: '{color.nope}' };
    const result = importDtcgJson(exportDtcgJson(broken));
    expect(result.set).toBeNull();
    expect(result.issues).toEqual([
      expect.objectContaining({ path: 'color.bg', theme: 'dark', severity: 'error' }),
    ]);
    for (const text of [
      'null',
      '[]',
      '42',
      '"x"',
      '{"base": 1, "themes": {}}',
      '{"base": {}, "themes": {"light": {}}}',
    ]) {
      const bad = importDtcgJson(text);
      expect(bad.set, text).toBeNull();
      expect(bad.issues.length, text).toBeGreaterThan(0);
    }
    expect(importDtcgJson('['.repeat(100_000)).set).toBeNull();
  });

  it('rejects unknown bundle properties', () => {
    const text = JSON.stringify({ ...JSON.parse(exportDtcgJson(small)), extra: true });
    expect(importDtcgJson(text).issues).toEqual([expect.objectContaining({ path: 'extra' })]);
  });
});

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON and locates the first error', () => {
    for (const valid of ['{}', '[1, -2.5e3, "a\\u00e9\\n", true, false, null, {"x": []}]', ' 0 ']) {
      expect(findJsonSyntaxError(valid), valid).toBeUndefined();
    }
    expect(findJsonSyntaxError('{"a": 01}')).toMatchObject({ line: 1, column: 8 });
    expect(findJsonSyntaxError('{"a": "x\ny"}')).toMatchObject({ line: 1, column: 9 });
    expect(findJsonSyntaxError('{"a": 1} x')).toMatchObject({ line: 1, column: 10 });
    expect(findJsonSyntaxError('[1,\n 2,\n ]')).toMatchObject({ line: 3, column: 2 });
    expect(findJsonSyntaxError('{"a": "\\x"}')).toMatchObject({ column: 8 });
  });
});
