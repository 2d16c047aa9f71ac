import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, type TDiffLine } from './diff';

/** Rebuilds both sides from a diff, so every test also checks the diff is complete and ordered. */
function sides(lines: TDiffLine[]): { before: string[]; after: string[] } {
  return {
    before: lines.filter((line) => line.kind !== 'added').map((line) => line.text),
    after: lines.filter((line) => line.kind !== 'removed').map((line) => line.text),
  };
}

function compact(lines: TDiffLine[]): string[] {
  const sign = { same: ' ', added: '+', removed: '-' } as const;
  return lines.map((line) => `${sign[line.kind]}${line.text}`);
}

describe('diffLines', () => {
  it('marks identical texts as all same, with both line numbers', () => {
    const lines = diffLines('a\nb\n', 'a\nb\n');
    expect(lines).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'same', text: 'b', oldLine: 2, newLine: 2 },
    ]);
    expect(diffStats(lines)).toEqual({ added: 0, removed: 0 });
  });

  it('finds an inserted line in the middle and numbers the lines after it', () => {
    const lines = diffLines('a\nb\nc', 'a\nb\nx\nc');
    expect(compact(lines)).toEqual([' a', ' b', '+x', ' c']);
    expect(lines[2]).toEqual({ kind: 'added', text: 'x', oldLine: null, newLine: 3 });
    expect(lines[3]).toEqual({ kind: 'same', text: 'c', oldLine: 3, newLine: 4 });
  });

  it('finds a replaced line as removed then added', () => {
    const lines = diffLines('a\nb\nc', 'a\nB\nc');
    expect(compact(lines)).toEqual([' a', '-b', '+B', ' c']);
    expect(lines[1]).toEqual({ kind: 'removed', text: 'b', oldLine: 2, newLine: null });
    expect(diffStats(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('handles empty sides', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(compact(diffLines('', 'a\nb'))).toEqual(['+a', '+b']);
    expect(compact(diffLines('a\nb', ''))).toEqual(['-a', '-b']);
  });

  it('treats CRLF and LF alike and a trailing newline as no extra line', () => {
    expect(compact(diffLines('a\r\nb\r\n', 'a\nb'))).toEqual([' a', ' b']);
  });

  it('finds a minimal script for the classic Myers example', () => {
    const lines = diffLines('A\nB\nC\nA\nB\nB\nA', 'C\nB\nA\nB\nA\nC');
    expect(diffStats(lines)).toEqual({ added: 2, removed: 3 });
    expect(sides(lines)).toEqual({
      before: ['A', 'B', 'C', 'A', 'B', 'B', 'A'],
      after: ['C', 'B', 'A', 'B', 'A', 'C'],
    });
  });

  it('keeps moved blocks and scattered edits consistent on a 600-line file, fast', () => {
    const before = Array.from({ length: 600 }, (_, i) => `line ${i} ${i % 7}`);
    const after = before.map((line, i) => (i % 50 === 0 ? `${line} changed` : line));
    after.splice(300, 0, 'inserted a', 'inserted b');
    after.splice(10, 5);
    const started = performance.now();
    const lines = diffLines(before.join('\n'), after.join('\n'));
    const elapsed = performance.now() - started;
    expect(sides(lines)).toEqual({ before, after });
    // 12 changed lines (every 50th), 2 inserted, 5 deleted (none of them changed).
    expect(diffStats(lines)).toEqual({ added: 12 + 2, removed: 12 + 5 });
    for (const line of lines) {
      if (line.oldLine !== null) expect(before[line.oldLine - 1]).toBe(line.text);
      if (line.newLine !== null) expect(after[line.newLine - 1]).toBe(line.text);
    }
    expect(elapsed).toBeLessThan(200);
  });

  it('stays correct when the two texts share nothing', () => {
    const before = Array.from({ length: 300 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 300 }, (_, i) => `new ${i}`).join('\n');
    const lines = diffLines(before, after);
    expect(diffStats(lines)).toEqual({ added: 300, removed: 300 });
  });
});
