import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { arbitraryTokenSet } from './testing/arbitrary-token-set';
import { TokenSetError } from './token-set.schema';
import type { TTokenGroup, TTokenSet } from './token.types';
import { CONTRAST_EXTENSION, parseTokenSet, validateTokenGroup, validateTokenSet } from './token-validation';

const oklch = (l: number, c: number, h: number) => ({ colorSpace: 'oklch', components: [l, c, h] });
const px = (value: number) => ({ value, unit: 'px' });

const base: TTokenGroup = {
  color: {
    $type: 'color',
    white: { $value: oklch(1, 0, 0) },
    black: { $value: oklch(0, 0, 0) },
    grey: { $value: oklch(0.6, 0, 0) },
  },
  size: { $type: 'dimension', sm: { $value: px(4) } },
};
const set = (light: TTokenGroup = {}, dark: TTokenGroup = {}, root: TTokenGroup = base): TTokenSet => ({
  base: root,
  themes: { light, dark },
});

describe('validateTokenSet', () => {
  it('accepts the default set and returns it', () => {
    const input = loadDefaultTokenSet();
    const { set: parsed, issues } = validateTokenSet(input);
    expect(issues).toEqual([]);
    expect(parsed?.base).toBe(input.base);
  });

  it('never throws for non-object input', () => {
    for (const input of [null, undefined, 42, 'tokens', [], true]) {
      const result = validateTokenSet(input);
      expect(result.set).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({ path: '', rule: 'shape', severity: 'error' }),
      ]);
    }
  });

  it('reports a missing base, missing themes and unknown themes (shape)', () => {
    expect(validateTokenSet({ themes: {} }).issues.map((i) => [i.rule, i.theme, i.message])).toEqual([
      ['shape', undefined, '"base" must be a token group (an object)'],
      ['shape', 'light', 'Missing theme "light" (expected a token group)'],
      ['shape', 'dark', 'Missing theme "dark" (expected a token group)'],
    ]);
    const extra = validateTokenSet({ base, themes: { light: {}, dark: {}, sepia: {} } });
    expect(extra.issues.map((i) => i.message)).toEqual(['Unknown theme "sepia"; expected light, dark']);
  });

  it('reports group and token shape problems with their paths', () => {
    const { issues } = validateTokenSet(
      set({
        color: {
          $description: 3,
          fg: { $value: '{color.black}', $deprecated: 1, child: { $value: 1 } },
          $extends: '{x}',
          raw: 5,
        },
      } as unknown as TTokenGroup),
    );
    expect(issues.map((i) => [i.path, i.rule, i.theme])).toEqual([
      ['color.$description', 'shape', 'light'],
      ['color.fg.$deprecated', 'shape', 'light'],
      ['color.fg.child', 'shape', 'light'],
      ['color.$extends', 'shape', 'light'],
      ['color.raw', 'shape', 'light'],
    ]);
  });

  it('reports DTCG name violations (name)', () => {
    const { issues } = validateTokenSet(
      set({}, {}, {
        ...base,
        'a.b': { $type: 'number', $value: 1 },
        '{x}': { $type: 'number', $value: 1 },
        '': {},
        $foo: 1,
      } as unknown as TTokenGroup),
    );
    expect(issues.filter((i) => i.rule === 'name').map((i) => i.path)).toEqual(['a.b', '{x}', '', '$foo']);
    expect(issues.find((i) => i.path === '$foo')?.message).toMatch(/may not start with "\$"/);
  });

  it('reports unknown types, untyped tokens and values that do not match their type (type)', () => {
    const { issues } = validateTokenSet(
      set({}, {}, {
        ...base,
        odd: { $type: 'colour', $value: 1 },
        loose: { $value: 1 },
        bad: {
          $type: 'border',
          $value: { color: oklch(1.5, 0, 0), width: { value: 1, unit: 'em' }, style: 'wavy' },
        },
      } as unknown as TTokenGroup),
    );
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ['odd.$type', 'type'],
      ['loose', 'type'],
      ['bad.$value.color.components.0', 'type'],
      ['bad.$value.width.unit', 'type'],
      ['bad.$value.style', 'type'],
    ]);
    expect(issues[2]?.message).toBe('border: oklch lightness must be 0–1, got 1.5');
  });

  it('checks colour component ranges per colour space', () => {
    const { issues } = validateTokenGroup({
      c: {
        $type: 'color',
        a: { $value: { colorSpace: 'srgb', components: [1.2, 0, -0.1] } },
        b: { $value: { colorSpace: 'display-p3', components: [0.5, 2, 'none'] } },
        d: { $value: oklch(0.5, -0.1, 360) },
        e: { $value: { colorSpace: 'srgb', components: [0.1, 0.2, 0.3], alpha: 1.5 } },
      },
    });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['c.a.$value.components.0', 'color: srgb red must be 0–1, got 1.2'],
      ['c.a.$value.components.2', 'color: srgb blue must be 0–1, got -0.1'],
      ['c.b.$value.components.1', 'color: display-p3 green must be 0–1, got 2'],
      ['c.d.$value.components.1', 'color: oklch chroma must be ≥ 0, got -0.1'],
      ['c.d.$value.components.2', 'color: oklch hue must be ≥ 0 and < 360, got 360'],
      ['c.e.$value.alpha', 'color: alpha must be 0–1'],
    ]);
  });

  it('reports unresolved aliases, cycles and type mismatches, also inside composites, per theme', () => {
    const { issues } = validateTokenSet(
      set(
        {
          color: { fg: { $value: '{color.nope}' } },
          border: {
            $type: 'border',
            card: { $value: { color: '{size.sm}', width: '{size.sm}', style: 'solid' } },
          },
        },
        {
          color: { a: { $value: '{color.b}' }, b: { $value: '{color.a}' } },
          stroke: {
            s: { $type: 'strokeStyle', $value: '{border.x}' },
          },
          border: {
            $type: 'border',
            x: { $value: { color: '{color.white}', width: '{size.sm}', style: '{stroke.s}' } },
          },
        },
      ),
    );
    expect(issues.map((i) => [i.theme, i.path, i.rule])).toEqual([
      ['light', 'color.fg', 'alias'],
      ['light', 'border.card.$value.color', 'type-mismatch'],
      ['dark', 'color.a', 'cycle'],
      ['dark', 'color.b', 'cycle'],
      ['dark', 'stroke.s', 'cycle'],
      ['dark', 'border.x.$value.style', 'cycle'],
    ]);
    expect(issues[0]?.message).toBe('No token at {color.nope} (referenced by {color.fg})');
    expect(issues[1]?.message).toBe('{size.sm} is a dimension token where a color is expected');
    expect(issues[2]?.message).toBe('Alias cycle: color.a → color.b → color.a');
    expect(issues[3]?.message).toBe('Alias cycle: color.b → color.a → color.b');
    expect(issues[5]?.message).toBe('Alias cycle: border.x → stroke.s → border.x');
  });

  it('reports a base problem once, not again for every theme', () => {
    const { issues } = validateTokenSet(set({}, {}, { ...base, n: { $type: 'number', $value: '{gone}' } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'n', rule: 'alias' });
    expect(issues[0]?.theme).toBeUndefined();
  });

  it('reports a base token that only breaks once a theme overrides its target', () => {
    const root = { ...base, link: { $type: 'color', $value: '{color.grey}' } } as TTokenGroup;
    const { issues } = validateTokenSet(
      set({}, { color: { grey: { $type: 'dimension', $value: px(1) } } }, root),
    );
    expect(issues.map((i) => [i.theme, i.path, i.rule])).toEqual([['dark', 'link', 'type-mismatch']]);
  });

  describe('contrast', () => {
    const withPairs = (pairs: unknown, root: TTokenGroup = base): TTokenGroup => ({
      ...root,
      $extensions: { [CONTRAST_EXTENSION]: { pairs } },
    });
    const themes = {
      light: { color: { fg: { $value: '{color.black}' }, surface: { $value: '{color.white}' } } },
      dark: { color: { fg: { $value: '{color.grey}' }, surface: { $value: '{color.white}' } } },
    };

    it('checks each declared pair in every theme, naming both paths and the ratio', () => {
      const { issues } = validateTokenSet({
        base: withPairs([{ foreground: 'color.fg', background: 'color.surface', minimum: 7 }]),
        themes,
      });
      expect(issues).toEqual([
        {
          path: 'color.fg',
          theme: 'dark',
          rule: 'contrast',
          severity: 'error',
          message: expect.stringMatching(
            /^color\.fg on color\.surface is \d\.\d\d:1 in dark; WCAG 2\.2 needs 7:1$/,
          ),
        },
      ]);
    });

    it('still returns a set whose only problems are contrast failures, but not one with broken tokens', () => {
      const pairs = [{ foreground: 'color.fg', background: 'color.surface', minimum: 7 }];
      const poorContrast = validateTokenSet({ base: withPairs(pairs), themes });
      expect(poorContrast.issues).toHaveLength(1);
      expect(poorContrast.set).not.toBeNull();
      const broken = validateTokenSet({
        base: withPairs(pairs),
        themes: { ...themes, light: { color: { ...themes.light.color, bg: { $value: '{color.nope}' } } } },
      });
      expect(broken.issues.some((i) => i.rule === 'alias')).toBe(true);
      expect(broken.set).toBeNull();
    });

    it('checks only the themes a pair names', () => {
      const pairs = [{ foreground: 'color.fg', background: 'color.surface', minimum: 7, themes: ['light'] }];
      expect(validateTokenSet({ base: withPairs(pairs), themes }).issues).toEqual([]);
    });

    it('reports missing and non-colour tokens and malformed declarations', () => {
      const { issues } = validateTokenSet({
        base: withPairs([
          { foreground: 'color.nope', background: 'color.white', minimum: 3 },
          { foreground: 'size.sm', background: 'color.white', minimum: 3, themes: ['light'] },
          { foreground: 'color.fg', minimum: 30 },
        ]),
        themes,
      });
      expect(issues.map((i) => [i.rule, i.path, i.theme])).toEqual([
        ['shape', `$extensions.${CONTRAST_EXTENSION}.pairs.2.background`, undefined],
        ['shape', `$extensions.${CONTRAST_EXTENSION}.pairs.2.minimum`, undefined],
      ]);
      const valid = validateTokenSet({
        base: withPairs([
          { foreground: 'color.nope', background: 'color.white', minimum: 3 },
          { foreground: 'size.sm', background: 'color.white', minimum: 3, themes: ['light'] },
        ]),
        themes,
      });
      expect(valid.issues.map((i) => [i.rule, i.path, i.theme, i.message])).toEqual([
        ['contrast', 'color.nope', 'light', 'color.nope on color.white: no token color.nope in light'],
        ['contrast', 'color.nope', 'dark', 'color.nope on color.white: no token color.nope in dark'],
        ['contrast', 'size.sm', 'light', 'size.sm on color.white: size.sm is a dimension token, not a color'],
      ]);
    });

    it('fails the default set when a declared pair drops below its minimum', () => {
      const broken = loadDefaultTokenSet();
      (broken.themes.dark['color'] as TTokenGroup)['fg-muted'] = { $value: '{color.neutral.700}' };
      const { issues } = validateTokenSet(broken);
      expect(issues.length).toBeGreaterThan(0);
      expect(
        issues.every((i) => i.rule === 'contrast' && i.theme === 'dark' && i.path === 'color.fg-muted'),
      ).toBe(true);
      expect(issues[0]?.message).toMatch(
        /^color\.fg-muted on color\.bg is [\d.]+:1 in dark; WCAG 2\.2 needs 4\.5:1$/,
      );
    });
  });

  it('collects every issue in one pass, and parseTokenSet throws them all', () => {
    const input = {
      base: { ...base, x: { $value: 1 }, 'a.b': { $type: 'number', $value: 1 } },
      themes: { light: { color: { fg: { $value: '{color.nope}' } } }, dark: 7 },
    };
    const { set: parsed, issues } = validateTokenSet(input);
    expect(parsed).toBeNull();
    expect(issues.map((i) => i.rule).sort()).toEqual(['alias', 'name', 'shape', 'type']);
    const error = (() => {
      try {
        parseTokenSet(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TokenSetError);
    expect((error as TokenSetError).issues).toEqual(issues);
    expect((error as TokenSetError).message).toContain('theme "light" › color.fg: No token at {color.nope}');
  });

  // Its speed is measured by `npm run bench:slate`, not asserted here: a timed test fails on a busy machine.
  it('validates 10,000 tokens with alias chains 400 deep', () => {
    const color: TTokenGroup = { $type: 'color' };
    const size: TTokenGroup = { $type: 'dimension' };
    const border: TTokenGroup = { $type: 'border' };
    for (let i = 0; i < 4000; i += 1) {
      // Chains of 400 aliases, each token pointing at the previous one.
      color[`c${i}`] = { $value: i % 400 === 0 ? oklch((i % 100) / 100, 0.1, 200) : `{color.c${i - 1}}` };
      size[`s${i}`] = { $value: i % 400 === 0 ? px(i) : `{size.s${i - 1}}` };
    }
    for (let i = 0; i < 2000; i += 1) {
      border[`b${i}`] = {
        $value: { color: `{color.c${3999 - i}}`, width: `{size.s${3999 - i}}`, style: 'solid' },
      };
    }
    const light: TTokenGroup = { color: {} };
    for (let i = 0; i < 500; i += 1)
      (light['color'] as TTokenGroup)[`c${i * 8 + 1}`] = { $value: `{color.c${i * 8}}` };
    const { set, issues } = validateTokenSet({ base: { color, size, border }, themes: { light, dark: {} } });
    expect(issues).toEqual([]);
    expect(set).not.toBeNull();
  });
});

describe('validateTokenGroup', () => {
  it('validates one self-contained file', () => {
    expect(validateTokenGroup(base)).toEqual({ group: base, issues: [] });
    expect(validateTokenGroup('x').issues).toEqual([
      { path: '', message: 'Expected a group (an object)', rule: 'shape', severity: 'error' },
    ]);
  });
});

describe('arbitraryTokenSet (property)', () => {
  it('generates sets that validate with no issues', () => {
    fc.assert(
      fc.property(arbitraryTokenSet(), (generated) => {
        const { issues } = validateTokenSet(generated);
        expect(issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
