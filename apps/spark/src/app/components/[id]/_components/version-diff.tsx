import type { TDiffLine } from '@lumenforge/spark-generator';
import { diffStats } from '@lumenforge/spark-generator';

/** Unchanged lines kept around each change; longer unchanged runs fold into one row. */
const CONTEXT_LINES = 3;

type TDiffRow = { kind: 'line'; line: TDiffLine } | { kind: 'fold'; count: number };

/** The diff's rows with long unchanged stretches folded, as a code review shows them. */
export function foldUnchanged(lines: readonly TDiffLine[], context = CONTEXT_LINES): TDiffRow[] {
  const isNearChange = lines.map((_, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some((line) => line.kind !== 'same'),
  );
  const rows: TDiffRow[] = [];
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

const ROW_CLASS: Record<TDiffLine['kind'], string> = {
  same: '',
  added: 'bg-success-surface',
  removed: 'bg-danger-surface',
};
const MARKER: Record<TDiffLine['kind'], string> = { same: ' ', added: '+', removed: '−' };
const MARKER_LABEL: Record<TDiffLine['kind'], string> = {
  same: 'unchanged',
  added: 'added',
  removed: 'removed',
};

/**
 * One file's line diff between two versions (server-rendered from `diffLines`): old and new line
 * numbers, a +/− marker that says it without colour, and folded unchanged stretches.
 */
export function VersionDiff({ file, lines }: { file: string; lines: readonly TDiffLine[] }) {
  const stats = diffStats(lines);
  const rows = foldUnchanged(lines);
  return (
    <figure className="overflow-hidden rounded-lg border border-border" data-testid={`diff-${file}`}>
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 border-b border-border bg-surface-sunken px-3 py-2 text-xs">
        <span className="font-mono font-medium">{file}</span>
        <span className="text-fg-muted">
          {stats.added === 0 && stats.removed === 0 ? (
            'No changes'
          ) : (
            <>
              <span className="text-success-text">+{stats.added}</span>{' '}
              <span className="text-danger-text">−{stats.removed}</span> lines
            </>
          )}
        </span>
      </figcaption>
      {stats.added === 0 && stats.removed === 0 ? null : (
        <div
          className="max-h-[32rem] overflow-auto bg-surface"
          tabIndex={0}
          aria-label={`Changes in ${file}`}
        >
          <table className="w-full border-collapse font-mono text-xs leading-relaxed">
            <tbody>
              {rows.map((row, index) =>
                row.kind === 'fold' ? (
                  <tr key={`fold-${index}`} className="bg-surface-sunken text-fg-subtle">
                    <td colSpan={4} className="px-3 py-0.5">
                      ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
                    </td>
                  </tr>
                ) : (
                  <tr key={`line-${index}`} className={ROW_CLASS[row.line.kind]}>
                    <td className="w-10 select-none px-2 text-right text-fg-subtle tabular-nums">
                      {row.line.oldLine ?? ''}
                    </td>
                    <td className="w-10 select-none px-2 text-right text-fg-subtle tabular-nums">
                      {row.line.newLine ?? ''}
                    </td>
                    <td className="w-4 select-none text-center" aria-label={MARKER_LABEL[row.line.kind]}>
                      {MARKER[row.line.kind]}
                    </td>
                    <td className="whitespace-pre pr-3">{row.line.text}</td>
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
