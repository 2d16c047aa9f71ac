import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { breakingChanges, describeValue, groupDiff, summaryText } from './diff';
import { BreakingReport, DiffView } from './diff-view';
import { changeSummary } from '../testing/fixtures';
import type { TTokenDiff } from './types';

const color = (hex: string) => ({ colorSpace: 'oklch', components: [0.5, 0.1, 200], hex });

const DIFF: TTokenDiff = {
  changes: [
    {
      kind: 'added',
      path: 'color.brand.500',
      theme: null,
      after: { type: 'color', value: color('#112233') },
    },
    {
      kind: 'value-changed',
      path: 'color.bg',
      theme: 'dark',
      before: { type: 'color', value: '{color.neutral.950}' },
      after: { type: 'color', value: '{color.neutral.900}' },
    },
    {
      kind: 'removed',
      path: 'radius.xs',
      theme: null,
      before: { type: 'dimension', value: { value: 2, unit: 'px' } },
    },
    { kind: 'renamed', path: 'color.fg-soft', previousPath: 'color.fg-subtle', theme: 'light' },
    {
      kind: 'type-changed',
      path: 'font.weight.bold',
      theme: null,
      before: { type: 'fontWeight', value: 700 },
      after: { type: 'number', value: 700 },
    },
    {
      kind: 'deprecated',
      path: 'shadow.xl',
      theme: null,
      after: { type: 'shadow', value: [], deprecated: 'Use shadow.lg' },
    },
    {
      kind: 'added',
      path: 'color.brand.100',
      theme: null,
      after: { type: 'color', value: color('#aabbcc') },
    },
  ],
  summary: changeSummary({
    added: 2,
    removed: 1,
    renamed: 1,
    'value-changed': 1,
    'type-changed': 1,
    deprecated: 1,
  }),
  bump: 'major',
  isBreaking: true,
};

describe('groupDiff', () => {
  it('groups by kind, breaking kinds first, empty kinds left out, paths sorted', () => {
    const groups = groupDiff(DIFF);
    expect(groups.map((group) => group.kind)).toEqual([
      'removed',
      'renamed',
      'type-changed',
      'added',
      'value-changed',
      'deprecated',
    ]);
    expect(groups.filter((group) => group.breaking).map((group) => group.kind)).toEqual([
      'removed',
      'renamed',
      'type-changed',
    ]);
    expect(groups.find((group) => group.kind === 'added')?.changes.map((change) => change.path)).toEqual([
      'color.brand.100',
      'color.brand.500',
    ]);
  });

  it('finds the breaking changes', () => {
    expect(breakingChanges(DIFF).map((change) => change.path)).toEqual([
      'radius.xs',
      'color.fg-soft',
      'font.weight.bold',
    ]);
    expect(breakingChanges({ changes: DIFF.changes.filter((change) => change.kind === 'added') })).toEqual(
      [],
    );
  });

  it('describes values in one line and sums up', () => {
    expect(describeValue(color('#112233'))).toBe('#112233');
    expect(describeValue({ value: 2, unit: 'px' })).toBe('2px');
    expect(describeValue([0.2, 0, 0, 1])).toBe('0.2, 0, 0, 1');
    expect(describeValue('{color.neutral.50}')).toBe('{color.neutral.50}');
    expect(summaryText(DIFF.summary)).toBe(
      '1 removed, 1 renamed, 1 type changed, 2 added, 1 value changed, 1 deprecated',
    );
    expect(summaryText({})).toBe('No changes');
  });
});

describe('DiffView and BreakingReport', () => {
  it('renders each kind with its changes, before → after, and marks breaking kinds', () => {
    const html = renderToStaticMarkup(<DiffView diff={DIFF} />);
    expect(html).toContain('data-testid="token-diff-removed"');
    expect(html).toContain('color.bg (dark)');
    expect(html).toContain('{color.neutral.950}');
    expect(html).toContain(
      'from <code class="rounded bg-surface-sunken px-1 py-0.5 font-mono text-xs">color.fg-subtle</code>',
    );
    expect(html.match(/>Breaking</g)).toHaveLength(3);
  });

  it('says when there is nothing to show', () => {
    expect(renderToStaticMarkup(<DiffView diff={{ changes: [] }} emptyText="Nothing changed." />)).toContain(
      'Nothing changed.',
    );
  });

  it('reports breaking changes, or that there are none', () => {
    const html = renderToStaticMarkup(<BreakingReport diff={DIFF} />);
    expect(html).toContain('data-breaking="true"');
    expect(html).toContain('3 breaking changes: this needs a major version.');
    expect(html).toContain('(was <span class="font-mono text-xs">color.fg-subtle</span>)');
    const none = renderToStaticMarkup(<BreakingReport diff={{ changes: [] }} />);
    expect(none).toContain('data-breaking="false"');
    expect(none).toContain('No breaking changes');
  });
});
