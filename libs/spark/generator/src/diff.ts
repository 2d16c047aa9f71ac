// Line diff for follow-up edits and version history: Myers' O(ND) algorithm on lines, after
// trimming the common head and tail (edits usually touch a few lines of a long file).

export type TDiffLine = {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** 1-based line in `before`; null for an added line. */
  oldLine: number | null;
  /** 1-based line in `after`; null for a removed line. */
  newLine: number | null;
};

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  // A trailing newline ends the last line; it does not start an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type TEditOp = 'same' | 'added' | 'removed';

/** Myers' shortest edit script between a and b, as one op per output line. */
function myersOps(a: readonly string[], b: readonly string[]): TEditOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = v[offset + k + 1] ?? 0;
      const right = v[offset + k - 1] ?? 0;
      let x = k === -d || (k !== d && right < down) ? down : right + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards from (n, m) to (0, 0).
  const ops: TEditOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] ?? v;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : (vd[offset + prevK] ?? 0);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('same');
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push('added');
      else ops.push('removed');
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** Line-by-line diff of two texts: every line of both, in order, with its line numbers. */
export function diffLines(before: string, after: string): TDiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops = myersOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail));

  const result: TDiffLine[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  const same = (): void => {
    result.push({ kind: 'same', text: a[oldIndex] ?? '', oldLine: oldIndex + 1, newLine: newIndex + 1 });
    oldIndex++;
    newIndex++;
  };
  for (let i = 0; i < head; i++) same();
  for (const op of ops) {
    if (op === 'same') same();
    else if (op === 'removed') {
      result.push({ kind: 'removed', text: a[oldIndex] ?? '', oldLine: oldIndex + 1, newLine: null });
      oldIndex++;
    } else {
      result.push({ kind: 'added', text: b[newIndex] ?? '', oldLine: null, newLine: newIndex + 1 });
      newIndex++;
    }
  }
  for (let i = 0; i < tail; i++) same();
  return result;
}

/** How many lines a diff adds and removes. */
export function diffStats(lines: readonly TDiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return { added, removed };
}
