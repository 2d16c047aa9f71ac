// One file's line diff as a code review shows it. Presentational: the lines come from whoever
// computed the diff (SPARK's `diffLines`); the shape is structural so ui depends on no domain lib.

export type TLineDiffKind = 'same' | 'added' | 'removed';
/** One line of a diff: its text and its number in the old and the new file (null where absent). */
export type TLineDiffLine = {
  kind: TLineDiffKind;
  text: string;
  oldLine: number | null;
  newLine: number | null;
};
export type TLineDiffRow = { kind: 'line'; line: TLineDiffLine } | { kind: 'fold'; count: number };

/** Unchanged lines kept around each change; longer unchanged runs fold into one row. */
const CONTEXT_LINES = 3;

/** The diff's rows with unchanged stretches longer than `context` lines around a change folded. */
export function foldUnchanged(lines: readonly TLineDiffLine[], context = CONTEXT_LINES): TLineDiffRow[] {
  const isNearChange = lines.map((_, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some((line) => line.kind !== 'same'),
  );
  const rows: TLineDiffRow[] = [];
  let folded = 0;
  lines.forEach((line, index) => {
    if (line.kind === 'same' && !isNearChange[index]) {
      folded++;
      return;
    }
    if (folded > 0) rows.push({ kind: 'fold', count: folded });
    folded = 0;
    rows.push({ kind: 'line', line });
  });
  if (folded > 0) rows.push({ kind: 'fold', count: folded });
  return rows;
}

const ROW_CLASS: Record<TLineDiffKind, string> = {
  same: '',
  added: 'bg-success-surface',
  removed: 'bg-danger-surface',
};
const MARKER: Record<TLineDiffKind, string> = { same: ' ', added: '+', removed: '−' };
const MARKER_LABEL: Record<TLineDiffKind, string> = { same: 'unchanged', added: 'added', removed: 'removed' };

/**
 * One file's line diff: its name and +/− counts, old and new line numbers, a +/− marker that says
 * it without colour (and to screen readers), unchanged stretches folded, and a scroll box of its
 * own (long lines never widen the page). Test hooks: `data-testid` (default `diff-file`) with
 * `data-file`, each line's `data-kind`.
 */
export function LineDiff({
  fileName,
  lines,
  testId = 'diff-file',
}: {
  fileName: string;
  lines: readonly TLineDiffLine[];
  testId?: string;
}) {
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <figure
      className="min-w-0 overflow-hidden rounded-lg border border-border"
      data-testid={testId}
      data-file={fileName}
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 border-b border-border bg-surface-sunken px-3 py-2 text-xs">
        <span className="min-w-0 break-all font-mono font-medium">{fileName}</span>
        <span className="text-fg-muted">
          {added + removed === 0 ? (
            'No changes'
          ) : (
            <>
              <span className="text-success-text">+{added}</span>{' '}
              <span className="text-danger-text">−{removed}</span> lines
            </>
          )}
        </span>
      </figcaption>
      {added + removed === 0 ? null : (
        <div
          className="max-h-[32rem] overflow-auto bg-surface"
          tabIndex={0}
          role="region"
          aria-label={`Changes in ${fileName}`}
        >
          <table className="w-full border-collapse font-mono text-xs leading-relaxed">
            <tbody>
              {foldUnchanged(lines).map((row, index) =>
                row.kind === 'fold' ? (
                  <tr key={`fold-${index}`} className="bg-surface-sunken text-fg-subtle">
                    <td colSpan={4} className="px-3 py-0.5">
                      ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
                    </td>
                  </tr>
                ) : (
                  <tr key={`line-${index}`} className={ROW_CLASS[row.line.kind]} data-kind={row.line.kind}>
                    <td className="w-10 px-2 text-right text-fg-subtle tabular-nums select-none">
                      {row.line.oldLine ?? ''}
                    </td>
                    <td className="w-10 px-2 text-right text-fg-subtle tabular-nums select-none">
                      {row.line.newLine ?? ''}
                    </td>
                    <td className="w-4 text-center select-none">
                      <span aria-hidden="true">{MARKER[row.line.kind]}</span>
                      <span className="sr-only">{MARKER_LABEL[row.line.kind]}</span>
                    </td>
                    <td className="pr-3 whitespace-pre">{row.line.text}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
