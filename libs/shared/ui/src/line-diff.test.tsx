import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { foldUnchanged, LineDiff, type TLineDiffLine } from './line-diff';

/** A 20-line file whose line 10 was changed, as a line diff. */
function changedLineTen(): TLineDiffLine[] {
  const lines: TLineDiffLine[] = [];
  for (let n = 1; n <= 20; n++) {
    if (n === 10) {
      lines.push({ kind: 'removed', text: 'line 10', oldLine: 10, newLine: null });
      lines.push({ kind: 'added', text: 'line ten', oldLine: null, newLine: 10 });
    } else lines.push({ kind: 'same', text: `line ${n}`, oldLine: n, newLine: n });
  }
  return lines;
}

describe('foldUnchanged', () => {
  it('keeps 3 lines of context around each change and folds the rest', () => {
    const rows = foldUnchanged(changedLineTen());
    expect(rows[0]).toEqual({ kind: 'fold', count: 6 });
    expect(rows.at(-1)).toEqual({ kind: 'fold', count: 7 });
    expect(rows.flatMap((row) => (row.kind === 'line' ? [row.line.text] : []))).toEqual([
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
    const lines: TLineDiffLine[] = [
      { kind: 'added', text: 'a', oldLine: null, newLine: 1 },
      { kind: 'added', text: 'b', oldLine: null, newLine: 2 },
    ];
    expect(foldUnchanged(lines)).toHaveLength(2);
  });
});

describe('LineDiff', () => {
  it('names the file and its counts, marks lines without colour alone, folds unchanged runs', () => {
    const html = renderToStaticMarkup(<LineDiff fileName="Card.tsx" lines={changedLineTen()} />);
    expect(html).toContain('data-testid="diff-file"');
    expect(html).toContain('data-file="Card.tsx"');
    expect(html).toContain('+1</span>');
    expect(html).toContain('−1</span> lines');
    expect(html).toContain('data-kind="added"');
    expect(html).toContain('<span class="sr-only">removed</span>');
    expect(html).toContain('⋯ 6 unchanged lines');
    expect(html).toContain('aria-label="Changes in Card.tsx"');
  });

  it('says "No changes" and shows no lines for an unchanged file', () => {
    const html = renderToStaticMarkup(
      <LineDiff
        fileName="Card.test.tsx"
        testId="diff-Card.test.tsx"
        lines={[{ kind: 'same', text: 'x', oldLine: 1, newLine: 1 }]}
      />,
    );
    expect(html).toContain('No changes');
    expect(html).toContain('data-testid="diff-Card.test.tsx"');
    expect(html).not.toContain('<table');
  });
});
