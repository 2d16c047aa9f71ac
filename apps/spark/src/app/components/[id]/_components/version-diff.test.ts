import { diffLines } from '@lumenforge/spark-generator';
import { describe, expect, it } from 'vitest';
import { foldUnchanged } from './version-diff';

describe('foldUnchanged', () => {
  it('keeps 3 lines of context around each change and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const rows = foldUnchanged(diffLines(before, after));
    expect(rows[0]).toEqual({ kind: 'fold', count: 6 });
    expect(rows.at(-1)).toEqual({ kind: 'fold', count: 7 });
    const shown = rows.flatMap((row) => (row.kind === 'line' ? [row.line.text] : []));
    expect(shown).toEqual([
      'line 7',
      'line 8',
      'line 9',
      'line 10',
      'line ten',
      'line 11',
      'line 12',
      'line 13',
    ]);
  });

  it('folds nothing when there is nothing unchanged to fold', () => {
    expect(foldUnchanged(diffLines('', 'a\nb'))).toHaveLength(2);
  });
});
