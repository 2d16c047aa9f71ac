import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { changeSummary, versionSummary } from '../testing/fixtures';
import { VersionHistory } from './version-history';
import { authorName, comparePair, diffUrl, predecessorOf, toggleSelection } from './version-model';

describe('choosing versions to compare', () => {
  it('keeps at most two, older first', () => {
    expect(toggleSelection([], 3)).toEqual([3]);
    expect(toggleSelection([3], 1)).toEqual([3, 1]);
    expect(toggleSelection([3, 1], 2)).toEqual([1, 2]);
    expect(toggleSelection([3, 1], 3)).toEqual([1]);
    expect(comparePair([3, 1])).toEqual({ from: 1, to: 3 });
    expect(comparePair([3])).toBeNull();
    expect(predecessorOf([1, 2, 4], 4)).toBe(2);
    expect(predecessorOf([1, 2, 4], 1)).toBeNull();
    expect(diffUrl(1, 'draft')).toBe('/api/tokens/diff?from=1&to=draft');
  });
});

describe('authorName', () => {
  it('names the platform for the version it published itself (the default set)', () => {
    expect(authorName({ id: 'u1', name: 'Dana Designer' })).toBe('Dana Designer');
    expect(authorName(null)).toBe('LumenForge (default set)');
  });
});

describe('VersionHistory', () => {
  const versions = [
    versionSummary(1, '1.0.0', { bump: 'major', author: null }),
    versionSummary(2, '2.0.0', { bump: 'major', isBreaking: true, summary: changeSummary({ removed: 2 }) }),
    versionSummary(3, '2.1.0', { restoredFrom: 1 }),
  ];

  it('lists versions newest first with bump, breaking and restored-from, and restore for writers', () => {
    const html = renderToStaticMarkup(<VersionHistory versions={versions} canWrite />);
    expect(html.indexOf('version-row-3')).toBeLessThan(html.indexOf('version-row-1'));
    expect(html).toContain('data-testid="version-breaking-2"');
    expect(html).toContain('Restored from 1.0.0');
    expect(html).toContain('LumenForge (default set)');
    expect(html).not.toContain('Unknown author');
    expect(html).toContain('2 removed');
    expect(html).toContain('data-testid="version-restore-1"');
    expect(html).not.toContain('data-testid="version-restore-3"');
    expect(html).toContain('aria-label="Diff 2.0.0 with the version before it"');
  });

  it('hides restore from readers and says what to do when nothing is published', () => {
    expect(renderToStaticMarkup(<VersionHistory versions={versions} canWrite={false} />)).not.toContain(
      'version-restore-',
    );
    expect(renderToStaticMarkup(<VersionHistory versions={[]} canWrite />)).toContain(
      'Publish the draft from the editor',
    );
  });
});
