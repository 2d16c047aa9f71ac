import StyleDictionary from 'style-dictionary';
import { describe, expect, it } from 'vitest';
import { loadDefaultTokenSet } from '../default-token-set.loader';
import type { TThemeName, TTokenGroup, TTokenSet, TTokenType } from '../token.types';
import {
  isPlainObject,
  parseAliasPath,
  resolveThemeTree,
  ROOT_TOKEN_NAME,
  walkTokens,
} from '../token-tree.utils';
import {
  colorToHexCss,
  cssVariables,
  exportCssVariables,
  kebabCase,
  kebabVariableName,
} from './css-variables';

/** Style Dictionary 5, `css` transform group, `css/variables` format, on one DTCG tree. */
async function styleDictionaryCss(tree: TTokenGroup): Promise<Map<string, string>> {
  const sd = new StyleDictionary({
    tokens: structuredClone(tree) as never,
    platforms: { css: { transformGroup: 'css', files: [{ destination: 'x.css', format: 'css/variables' }] } },
    log: { verbosity: 'silent', warnings: 'disabled' },
  });
  const [file] = await sd.formatPlatform('css');
  const output = String(file?.output);
  return new Map(
    [...output.matchAll(/^ {2}(--[\w-]+): (.*?);(?: \/\*\*.*\*\/)?$/gm)].map((m) => [
      m[1] as string,
      m[2] as string,
    ]),
  );
}

/** SD's name for a token: `name/kebab` of the path, in which `$root` is just the word `root`. */
const sdName = (path: readonly string[]) =>
  `--${kebabCase(path.map((s) => (s === ROOT_TOKEN_NAME ? 'root' : s)).join(' '))}`;

/**
 * Why a Style Dictionary value may differ from ours, by token type (undefined: it may not differ).
 * Each is a place where SD's output is not the CSS value of the token:
 */
function exclusion(type: TTokenType, rawValue: unknown, sdValue: string): string | undefined {
  // SD's time/seconds transform only knows the legacy type "time": a DTCG duration object is
  // written with String() → "[object Object]". We write "150ms".
  if (type === 'duration' && sdValue === '[object Object]') return 'duration object';
  // Its transition shorthand has the same problem with the duration and delay parts (an SD TODO).
  if (type === 'transition' && sdValue.includes('[object Object]')) return 'transition durations';
  // SD has no gradient transform: the array of stops is written as "[object Object],…".
  if (type === 'gradient' && sdValue.includes('[object Object]')) return 'gradient stops';
  // Named weights are written as the DTCG name ("semi-bold"), which CSS does not know; we write 600.
  if (type === 'fontWeight' && typeof rawValue === 'string' && rawValue !== 'normal' && rawValue !== 'bold')
    return 'named font weight';
  // Colours written inline in a composite (not aliases) are serialised by colorjs.io's default
  // toString ("oklch(15% 0.009 265 / 0.1)"), not by SD's own color/css transform; we write them as
  // every colour token (#rrggbb / rgba()).
  if (['shadow', 'border', 'gradient'].includes(type) && hasInlineColor(rawValue))
    return 'inline colour in a composite';
  return undefined;
}

function hasInlineColor(value: unknown): boolean {
  const parts = Array.isArray(value) ? value : [value];
  return parts.some((part) => isPlainObject(part) && isPlainObject(part.color));
}

async function compareWithStyleDictionary(set: TTokenSet, theme: TThemeName) {
  const tree = resolveThemeTree(set, theme);
  const sd = await styleDictionaryCss(tree);
  const ours = new Map(cssVariables(set, { theme }).map((v) => [v.name, v]));
  const excluded: string[] = [];
  const mismatches: string[] = [];
  for (const { path, token } of walkTokens(tree)) {
    const sdValue = sd.get(sdName(path));
    const our = ours.get(kebabVariableName(path));
    expect(sdValue, `SD has ${sdName(path)}`).toBeDefined();
    expect(our, `ours has ${kebabVariableName(path)}`).toBeDefined();
    if (sdValue === our?.value) continue;
    // The raw value of an aliased token is its target's: follow the alias for the exclusion check.
    let raw: unknown = token.$value;
    for (let target = parseAliasPath(raw); target; target = parseAliasPath(raw)) {
      raw = [...walkTokens(tree)].find((t) => t.path.join('.') === target?.join('.'))?.token.$value;
    }
    const reason = exclusion(our?.type as TTokenType, raw, sdValue as string);
    if (reason) excluded.push(`${path.join('.')}: ${reason}`);
    else mismatches.push(`${path.join('.')}: SD ${sdValue} ≠ ours ${our?.value}`);
  }
  expect(mismatches).toEqual([]);
  expect(sd.size).toBe(ours.size);
  return { sd, ours, excluded };
}

const set = loadDefaultTokenSet();

describe('exportCssVariables: the same values as Style Dictionary (css/variables, transformGroup css)', () => {
  it.each(['light', 'dark'] as const)(
    'default set, %s theme, name for name, value for value',
    async (theme) => {
      const { ours, excluded } = await compareWithStyleDictionary(set, theme);
      // Only the durations differ: SD writes "[object Object]" for them.
      expect(excluded.sort()).toEqual(
        ['instant', 'fast', 'normal', 'slow'].map((d) => `duration.${d}: duration object`).sort(),
      );
      expect(ours.get('--duration-fast')?.value).toBe('150ms');
      expect(ours.get('--color-neutral-50')?.value).toBe('#f9fafb');
      expect(ours.get('--spacing')?.value).toBe('4px');
      expect(ours.get('--spacing-0-5')?.value).toBe('2px');
      expect(ours.get('--font-size-xs')?.value).toBe('0.75rem');
      expect(ours.get('--easing-standard')?.value).toBe('cubic-bezier(0.2, 0, 0, 1)');
      expect(ours.get('--font-family-sans')?.value).toMatch(/^ui-sans-serif, system-ui, .*'Segoe UI'/);
      expect(ours.get('--color-accent-spark')?.value).toMatch(/^#[0-9a-f]{6}$/);
    },
  );

  it('a hand-made set of every type, with the exclusions listed in exclusion()', async () => {
    const tokens: TTokenGroup = {
      color: {
        $type: 'color',
        translucent: { $value: { colorSpace: 'srgb', components: [1, 0, 0], alpha: 0.5 } },
        hsl: { $value: { colorSpace: 'hsl', components: [120, 50, 50], hex: '#40bf40' } },
        wide: { $value: { colorSpace: 'oklch', components: [0.7, 0.4, 30], hex: '#ff0000' } },
        linear: { $value: { colorSpace: 'srgb-linear', components: [0.5, 0.2, 0.1] } },
        brandPrimary: { $value: '{color.translucent}' },
      },
      size: {
        $type: 'dimension',
        $root: { $value: { value: 4, unit: 'px' } },
        '0_5': { $value: { value: 2, unit: 'px' } },
        noisy: { $value: { value: 0.1 + 0.2, unit: 'rem' } },
      },
      font: {
        weight: {
          $type: 'fontWeight',
          semi: { $value: 'semi-bold' },
          bold: { $value: 'bold' },
          n: { $value: 450 },
        },
        family: {
          $type: 'fontFamily',
          stack: { $value: 'Inter, system-ui' },
          apostrophe: { $value: "Font's Name" },
          quoted: { $value: ['"Quoted Name"', 'serif'] },
        },
      },
      shadow: {
        $type: 'shadow',
        inline: {
          $value: {
            color: { colorSpace: 'oklch', components: [0.15, 0.009, 265], alpha: 0.1 },
            offsetX: { value: 0, unit: 'px' },
            offsetY: '{size.0_5}',
            blur: { value: 2, unit: 'px' },
            spread: { value: 0, unit: 'px' },
            inset: true,
          },
        },
        aliased: {
          $value: [
            {
              color: '{color.translucent}',
              offsetX: { value: 0, unit: 'px' },
              offsetY: { value: 1, unit: 'px' },
              blur: { value: 2, unit: 'px' },
              spread: { value: -1, unit: 'px' },
            },
            {
              color: '{color.hsl}',
              offsetX: { value: 0, unit: 'px' },
              offsetY: { value: 4, unit: 'px' },
              blur: { value: 6, unit: 'px' },
              spread: { value: 0, unit: 'px' },
            },
          ],
        },
      },
      border: {
        $type: 'border',
        solid: { $value: { color: '{color.hsl}', width: { value: 1, unit: 'px' }, style: 'solid' } },
        dashes: {
          $value: {
            color: '{color.hsl}',
            width: '{size.$root}',
            style: { dashArray: [{ value: 2, unit: 'px' }], lineCap: 'round' },
          },
        },
      },
      stroke: { $type: 'strokeStyle', keyword: { $value: 'dotted' } },
      text: {
        $type: 'typography',
        body: {
          $value: {
            fontFamily: '{font.family.stack}',
            fontSize: { value: 1, unit: 'rem' },
            fontWeight: 600,
            letterSpacing: { value: 0, unit: 'px' },
            lineHeight: 1.5,
          },
        },
      },
      motion: {
        duration: { $type: 'duration', fast: { $value: { value: 150, unit: 'ms' } } },
        ease: { $type: 'cubicBezier', standard: { $value: [0.2, 0, 0, 1] } },
        enter: {
          $type: 'transition',
          $value: {
            duration: '{motion.duration.fast}',
            delay: { value: 0, unit: 'ms' },
            timingFunction: '{motion.ease.standard}',
          },
        },
      },
      fade: {
        $type: 'gradient',
        $value: [
          { color: '{color.hsl}', position: 0 },
          { color: '{color.translucent}', position: 1 },
        ],
      },
      ratio: { $type: 'number', $value: 1.23456789 },
    } as TTokenGroup;
    const handMade: TTokenSet = { base: tokens, themes: { light: {}, dark: {} } };
    const { ours, excluded } = await compareWithStyleDictionary(handMade, 'light');
    expect(excluded.sort()).toEqual(
      [
        'fade: gradient stops',
        'font.weight.semi: named font weight',
        'motion.duration.fast: duration object',
        'motion.enter: transition durations',
        'shadow.inline: inline colour in a composite',
      ].sort(),
    );
    const value = (name: string) => ours.get(name)?.value;
    expect(value('--color-translucent')).toBe('rgba(255, 0, 0, 0.5)');
    expect(value('--color-brand-primary')).toBe('rgba(255, 0, 0, 0.5)');
    expect(value('--color-wide')).toBe('#ff0000'); // outside sRGB: the hex fallback, as SD
    expect(value('--font-weight-semi')).toBe('600');
    expect(value('--shadow-inline')).toBe('inset 0px 2px 2px 0px rgba(9, 11, 15, 0.1)');
    expect(value('--motion-duration-fast')).toBe('150ms');
    expect(value('--motion-enter')).toBe('150ms cubic-bezier(0.2, 0, 0, 1) 0ms');
    expect(value('--fade')).toBe('linear-gradient(#40bf40 0%, rgba(255, 0, 0, 0.5) 100%)');
    expect(value('--size')).toBe('4px');
    expect(value('--border-dashes')).toBe('4px dashed #40bf40');
    expect(value('--text-body')).toBe('600 1rem/1.5 Inter, system-ui');
  });
});

describe('exportCssVariables', () => {
  it('writes one :root rule with every token of the theme', () => {
    const css = exportCssVariables(set, { theme: 'light' });
    expect(css.startsWith(':root {\n  --color-white: #ffffff;\n')).toBe(true);
    expect(css.endsWith('\n}\n')).toBe(true);
    const count = [...walkTokens(resolveThemeTree(set, 'light'))].length;
    expect(css.match(/^ {2}--[\w-]+: [^;]+;$/gm)).toHaveLength(count);
  });

  it('differs between themes for semantic colours only where the themes differ', () => {
    const light = new Map(cssVariables(set, { theme: 'light' }).map((v) => [v.name, v.value]));
    const dark = new Map(cssVariables(set, { theme: 'dark' }).map((v) => [v.name, v.value]));
    expect(light.get('--color-bg')).not.toBe(dark.get('--color-bg'));
    expect(light.get('--color-fg')).not.toBe(dark.get('--color-fg'));
    expect(light.get('--color-neutral-50')).toBe(dark.get('--color-neutral-50'));
    expect(light.get('--shadow-sm')).not.toBe(dark.get('--shadow-sm')); // the dark theme deepens color.shadow
  });

  it('takes a selector and an oklch colour format', () => {
    const css = exportCssVariables(set, {
      theme: 'dark',
      selector: '[data-theme="dark"]',
      colorFormat: 'css',
    });
    expect(css.startsWith('[data-theme="dark"] {\n')).toBe(true);
    expect(css).toContain('  --color-white: oklch(1 0 0);');
    expect(css).toMatch(/--shadow-sm: [^;]*oklch\(0 0 0 \/ 0\.5\)/);
  });

  it('names like name/kebab, $root dropped', () => {
    expect(kebabVariableName(['color', 'accent', 'spark', '$root'])).toBe('--color-accent-spark');
    expect(kebabVariableName(['spacing', '0_5'])).toBe('--spacing-0-5');
    expect(kebabVariableName(['color', 'surfaceRaised'])).toBe('--color-surface-raised');
    expect(kebabVariableName(['font', 'line-height', '2xl'])).toBe('--font-line-height-2xl');
  });

  it('converts colours as SD does: components, alpha, hex fallback', () => {
    expect(colorToHexCss({ colorSpace: 'oklch', components: [1, 0, 0] })).toBe('#ffffff');
    expect(colorToHexCss({ colorSpace: 'srgb', components: [0, 0, 1], alpha: 0.25 })).toBe(
      'rgba(0, 0, 255, 0.25)',
    );
    expect(colorToHexCss({ colorSpace: 'lab', components: [50, 0, 0], hex: '#777777' })).toBe('#777777');
    // A space this library does not convert, without a hex: the CSS colour function.
    expect(colorToHexCss({ colorSpace: 'display-p3', components: [1, 0, 0] })).toBe(
      'color(display-p3 1 0 0)',
    );
  });
});
