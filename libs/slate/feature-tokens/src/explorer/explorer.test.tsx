import { loadDefaultTokenSet, PALETTE_STEPS, tokenEntries } from '@lumenforge/tokens';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, categoryOf, filterEntries } from '../lib/search';
import { changeSummary, versionSummary } from '../testing/fixtures';
import { groupPalettes, otherColors, spacingScale, typeScale } from './explorer-model';
import { themeStyle, TokenExplorer } from './token-explorer';
import { PaletteRow, Swatch } from './token-views';

const set = loadDefaultTokenSet();
const light = tokenEntries(set, { theme: 'light', resolved: true });
const dark = tokenEntries(set, { theme: 'dark', resolved: true });

const VERSION = versionSummary(3, '1.2.0', {
  changelog: 'Warmer neutrals.',
  publishedAt: '2026-11-23T10:11:12.000Z',
  summary: changeSummary({ added: 1, 'value-changed': 2 }),
});

describe('explorer model (default token set)', () => {
  it('finds the six system palettes, neutral and the status palettes, each 50…950 in order', () => {
    const palettes = groupPalettes(light);
    expect(palettes.map((palette) => palette.name)).toEqual([
      'landing',
      'slate',
      'ignition',
      'spark',
      'ignis',
      'waypoint',
      'neutral',
      'success',
      'warning',
      'danger',
      'info',
    ]);
    for (const palette of palettes)
      expect(palette.steps.map((entry) => entry.path.split('.').at(-1))).toEqual([...PALETTE_STEPS]);
  });

  it('separates semantic colours (bg first) from accent roles', () => {
    const { semantic, accent } = otherColors(light);
    expect(semantic[0]?.path).toBe('color.bg');
    expect(semantic.map((entry) => entry.path)).toContain('color.danger-text');
    expect(accent.every((entry) => entry.path.startsWith('color.accent.'))).toBe(true);
    expect(accent.length).toBeGreaterThan(0);
  });

  it('pairs each font size with its line height, and sorts spacing by size', () => {
    const scale = typeScale(light);
    expect(scale.map((step) => step.name)).toEqual([
      'xs',
      'sm',
      'base',
      'lg',
      'xl',
      '2xl',
      '3xl',
      '4xl',
      '5xl',
      '6xl',
      '7xl',
      '8xl',
      '9xl',
    ]);
    expect(scale[0]?.lineHeight?.path).toBe('font.line-height.xs');
    const spacing = spacingScale(light).map((entry) => entry.path);
    expect(spacing.slice(0, 3)).toEqual(['spacing.0', 'spacing.0_5', 'spacing.1']);
    expect(spacing.at(-1)).toBe('spacing.96');
  });
});

describe('search and filters', () => {
  it('matches every word against path, value and description', () => {
    const found = filterEntries(light, { ...EMPTY_FILTER, query: 'fg muted' }).map((entry) => entry.path);
    expect(found).toContain('color.fg-muted');
    expect(found).not.toContain('color.fg');
    expect(filterEntries(light, { ...EMPTY_FILTER, query: '#f9fafb' }).map((entry) => entry.path)).toContain(
      'color.neutral.50',
    );
    expect(filterEntries(light, { ...EMPTY_FILTER, query: 'pills' }).map((entry) => entry.path)).toEqual([
      'radius.full',
    ]);
    expect(filterEntries(light, { ...EMPTY_FILTER, query: 'nothing-like-this' })).toEqual([]);
  });

  it('filters by category and type', () => {
    const animation = filterEntries(light, { ...EMPTY_FILTER, category: 'animation' });
    expect(new Set(animation.map((entry) => entry.type))).toEqual(new Set(['duration', 'cubicBezier']));
    const weights = filterEntries(light, { ...EMPTY_FILTER, category: 'typography', type: 'fontWeight' });
    expect(weights.every((entry) => entry.path.startsWith('font.weight.'))).toBe(true);
    expect(categoryOf({ path: 'radius.lg', type: 'dimension' })).toBe('radii');
    expect(categoryOf({ path: 'shadow.sm', type: 'shadow' })).toBe('shadows');
  });
});

describe('swatches', () => {
  it('draw the resolved colour inline with the hex below and oklch in the popover', () => {
    const entry = light.find((item) => item.path === 'color.neutral.50');
    if (!entry) throw new Error('missing color.neutral.50');
    const html = renderToStaticMarkup(
      <ul>
        <Swatch entry={entry} label="50" />
      </ul>,
    );
    expect(html).toContain(`style="background-color:${entry.css}"`);
    expect(html).toContain('#f9fafb');
    expect(html).toContain('oklch(0.985 0.002 265)');
    expect(html).toContain('aria-label="Copy CSS variable var(--color-neutral-50)"');
    expect(html).toContain('data-testid="token-color.neutral.50"');
  });

  it('draw a palette row with eleven steps', () => {
    const palette = groupPalettes(light).find((item) => item.name === 'spark');
    if (!palette) throw new Error('missing spark');
    const html = renderToStaticMarkup(<PaletteRow palette={palette} />);
    expect(html.match(/role="img"/g)).toHaveLength(11);
  });

  it('marks deprecated tokens', () => {
    const found = light.find((item) => item.path === 'color.neutral.50');
    if (!found) throw new Error('missing color.neutral.50');
    const entry = { ...found, deprecated: 'Use neutral.100' };
    expect(
      renderToStaticMarkup(
        <ul>
          <Swatch entry={entry} label="50" />
        </ul>,
      ),
    ).toContain('dep.');
  });
});

describe('TokenExplorer', () => {
  it('renders the version header, the theme switch and every section', () => {
    const html = renderToStaticMarkup(
      <TokenExplorer version={VERSION} entries={{ light, dark }} canWrite={false} />,
    );
    expect(html).toContain('Published version <strong class="font-semibold text-fg">1.2.0</strong>');
    expect(html).toContain('by Dana Designer');
    expect(html).toContain('href="/versions"');
    expect(html).toContain('data-testid="theme-switch-dark"');
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain('data-theme="light"');
    for (const id of ['colors', 'typography', 'spacing', 'radii', 'shadows', 'animation'])
      expect(html).toContain(`id="${id}-title"`);
    expect(html).toContain('The quick brown fox');
    expect(html).toContain('Play duration.fast');
    expect(html).toContain('/api/tokens/export?format=css&amp;theme=light&amp;version=3');
  });

  it('says what to do when nothing is published', () => {
    const html = renderToStaticMarkup(
      <TokenExplorer version={null} entries={{ light: [], dark: [] }} canWrite />,
    );
    expect(html).toContain('Nothing is published yet');
    expect(html).toContain('Open the editor to publish the first version');
  });

  it('previews a theme with its own variable values inline', () => {
    const lightStyle = themeStyle(light) as Record<string, string>;
    const darkStyle = themeStyle(dark) as Record<string, string>;
    expect(lightStyle['--color-bg']).toBeDefined();
    expect(darkStyle['--color-bg']).not.toBe(lightStyle['--color-bg']);
    expect(darkStyle['--color-accent-spark']).not.toBe(lightStyle['--color-accent-spark']);
    expect(darkStyle['--color-accent']).toBeUndefined();
  });
});
