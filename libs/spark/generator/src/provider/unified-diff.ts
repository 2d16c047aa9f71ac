// Applies the unified diffs a model writes for an edit. Models get hunk line numbers wrong more
// often than their context lines, so each hunk is placed where its old lines are (nearest to the
// stated line, exact first, then ignoring indentation); a hunk whose old lines are nowhere fails
// the whole patch with the reason, so a half-applied edit is never shown as done.

export type TFilePatch = { fileName: string; hunks: THunk[] };
type THunk = { oldStart: number; lines: { kind: ' ' | '-' | '+'; text: string }[] };

function baseName(path: string): string {
  return (
    path
      .replace(/^[ab]\//, '')
      .split('/')
      .pop() ?? path
  ).trim();
}

/** The per-file patches in a diff text (`--- a/X` / `+++ b/X` headers, `@@` hunks). */
export function parseUnifiedDiff(diff: string): TFilePatch[] {
  const patches: TFilePatch[] = [];
  let current: TFilePatch | null = null;
  let hunk: THunk | null = null;
  let oldPath: string | null = null;
  for (const line of diff.split(/\r?\n/)) {
    if (line.startsWith('--- ')) {
      oldPath = line.slice(4).split('\t')[0] ?? null;
      hunk = null;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const newPath = line.slice(4).split('\t')[0] ?? '';
      const path = newPath === '/dev/null' ? (oldPath ?? newPath) : newPath;
      current = { fileName: baseName(path), hunks: [] };
      patches.push(current);
      hunk = null;
      continue;
    }
    const header = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
    if (header && current) {
      hunk = { oldStart: Number(header[1]), lines: [] };
      current.hunks.push(hunk);
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    const kind = line[0];
    if (kind === ' ' || kind === '-' || kind === '+') hunk.lines.push({ kind, text: line.slice(1) });
    // Models drop the leading space of empty context lines.
    else if (line === '') hunk.lines.push({ kind: ' ', text: '' });
  }
  // Trailing empty context lines are usually the blank line after the diff, not part of it.
  for (const patch of patches)
    for (const each of patch.hunks)
      while (
        each.lines.length > 0 &&
        each.lines[each.lines.length - 1]?.kind === ' ' &&
        each.lines[each.lines.length - 1]?.text === ''
      )
        each.lines.pop();
  return patches.filter((patch) => patch.hunks.length > 0);
}

function findBlock(lines: string[], block: string[], near: number, loose: boolean): number {
  const same = (a: string, b: string) => (loose ? a.trim() === b.trim() : a === b);
  const fits = (at: number) => block.every((line, offset) => same(lines[at + offset] ?? '\u0000', line));
  const start = Math.min(Math.max(near, 0), lines.length);
  if (block.length === 0) return start;
  for (let distance = 0; distance <= lines.length; distance += 1) {
    for (const at of [start - distance, start + distance]) {
      if (at >= 0 && at + block.length <= lines.length && fits(at)) return at;
    }
  }
  return -1;
}

/** Applies one file's hunks in order; returns the new text or why a hunk did not fit. */
export function applyFilePatch(
  text: string,
  patch: TFilePatch,
): { ok: true; text: string } | { ok: false; reason: string } {
  const trailingNewline = text.endsWith('\n');
  const lines = text.replace(/\n$/, '').split('\n');
  let shift = 0;
  let searchFrom = 0;
  for (const [index, hunk] of patch.hunks.entries()) {
    const oldBlock = hunk.lines.filter((line) => line.kind !== '+').map((line) => line.text);
    const newBlock = hunk.lines.filter((line) => line.kind !== '-').map((line) => line.text);
    const near = Math.max(searchFrom, hunk.oldStart - 1 + shift);
    let at = findBlock(lines, oldBlock, near, false);
    if (at === -1) at = findBlock(lines, oldBlock, near, true);
    if (at === -1)
      return {
        ok: false,
        reason: `hunk ${index + 1} of ${patch.fileName} does not match the file (its old lines are not there)`,
      };
    lines.splice(at, oldBlock.length, ...newBlock);
    shift += newBlock.length - oldBlock.length;
    searchFrom = at + newBlock.length;
  }
  return { ok: true, text: lines.join('\n') + (trailingNewline ? '\n' : '') };
}
