import { describe, expect, it } from 'vitest';
import { TokenSetError } from './token-set.schema';
import { parseTokenGroup, parseTokenSet } from './token-validation';

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenSetError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a TokenSetError');
}

const oklch = (l: number, c: number, h: number) => ({ colorSpace: 'oklch', components: [l, c, h] });

describe('parseTokenGroup', () => {
  it('accepts every supported type, with inherited $type', () => {
    const input = {
      $schema: 'https://www.designtokens.org/schemas/2025.10/format.json',
      color: { $type: 'color', brand: { $value: { ...oklch(0.6, 0.1, 250), alpha: 0.5, hex: '#4f7fbf' } } },
      size: {
        $type: 'dimension',
        $root: { $value: { value: 4, unit: 'px' } },
        lg: { $value: { value: 1.5, unit: 'rem' } },
      },
      font: {
        $type: 'fontFamily',
        sans: { $value: ['system-ui', 'sans-serif'] },
        mono: { $value: 'monospace' },
      },
      weight: { $type: 'fontWeight', bold: { $value: 700 }, named: { $value: 'semi-bold' } },
      motion: {
        fast: { $type: 'duration', $value: { value: 150, unit: 'ms' } },
        ease: { $type: 'cubicBezier', $value: [0.2, 0, 0, 1] },
      },
      ratio: { $type: 'number', $value: 1.5 },
      shadow: {
        $type: 'shadow',
        sm: {
          $value: [
            {
              color: '{color.brand}',
              offsetX: { value: 0, unit: 'px' },
              offsetY: '{size.$root}',
              blur: { value: 2, unit: 'px' },
              spread: { value: 0, unit: 'px' },
            },
          ],
        },
      },
    };
    expect(parseTokenGroup(input)).toBe(input);
  });

  it('rejects values that do not match the inherited $type, with the token path', () => {
    const issues = issuesOf(() =>
      parseTokenGroup({
        size: { $type: 'dimension', sm: { $value: { value: 4, unit: 'em' } }, md: { $value: '8px' } },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['size.sm.$value.unit', 'size.md.$value']);
    expect(issues[0]?.message).toMatch(/^dimension:/);
  });

  it('rejects tokens without a type and unknown types', () => {
    expect(issuesOf(() => parseTokenGroup({ x: { $value: 1 } }))).toEqual([
      { path: 'x', message: 'No $type on the token or any parent group', rule: 'type', severity: 'error' },
    ]);
    expect(issuesOf(() => parseTokenGroup({ x: { $type: 'gradients', $value: [] } }))[0]?.path).toBe(
      'x.$type',
    );
  });

  it('enforces DTCG names and known group properties', () => {
    const issues = issuesOf(() =>
      parseTokenGroup({
        spacing: { $type: 'number', '0.5': { $value: 2 }, $extends: '{other}', $unknown: true },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'spacing.0.5',
      'spacing.$extends',
      'spacing.$unknown',
    ]);
  });

  it('rejects unknown token properties and invalid colours', () => {
    const issues = issuesOf(() =>
      parseTokenGroup({
        c: {
          $type: 'color',
          a: { $value: oklch(1.2, 0.1, 20) },
          b: { $value: { ...oklch(0.5, 0.1, 20), hex: 'red' } },
          d: { $value: oklch(0.5, 0.1, 20), $valeu: 1 },
        },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'c.d.$valeu',
      'c.a.$value.components.0',
      'c.b.$value.hex',
    ]);
    const values = issuesOf(() =>
      parseTokenGroup({
        c: {
          $type: 'color',
          a: { $value: oklch(1.2, 0.1, 20) },
          b: { $value: { ...oklch(0.5, 0.1, 20), hex: 'red' } },
        },
      }),
    );
    expect(values.map((issue) => issue.path)).toEqual(['c.a.$value.components.0', 'c.b.$value.hex']);
  });

  it('rejects broken aliases', () => {
    const issues = issuesOf(() =>
      parseTokenGroup({
        color: {
          $type: 'color',
          a: { $value: '{color.b}' },
          b: { $value: '{color.a}' },
          c: { $value: '{color.zzz}' },
        },
        n: { $type: 'number', x: { $value: '{color.c}' } },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['color.a', 'color.b', 'color.c', 'n.x']);
    expect(issues[0]?.message).toMatch(/cycle/);
    expect(issues[2]?.message).toMatch(/No token at \{color.zzz\}/);
  });
});

describe('parseTokenSet', () => {
  const base = { color: { $type: 'color', black: { $value: oklch(0, 0, 0) } } };

  it('resolves theme aliases against the base', () => {
    const set = parseTokenSet({
      base,
      themes: {
        light: { color: { fg: { $value: '{color.black}' } } },
        dark: { color: { fg: { $value: '{color.black}' } } },
      },
    });
    expect(set.themes.dark).toEqual({ color: { fg: { $value: '{color.black}' } } });
  });

  it('names the theme whose alias is broken', () => {
    const run = () =>
      parseTokenSet({
        base,
        themes: {
          light: { color: { fg: { $value: '{color.black}' } } },
          dark: { color: { fg: { $value: '{color.white}' } } },
        },
      });
    expect(run).toThrow(TokenSetError);
    expect(run).toThrow(/theme "dark"[\s\S]*color\.fg: No token at \{color\.white\}/);
  });

  it('requires both themes and no others', () => {
    expect(() => parseTokenSet({ base, themes: { light: {} } })).toThrow(/theme "dark"/);
    expect(() => parseTokenSet({ base, themes: { light: {}, dark: {}, sepia: {} } })).toThrow(/sepia/);
  });
});
