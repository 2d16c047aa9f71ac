'use client';
import type { TDiffLine } from '@lumenforge/spark-generator';

const LINE_CLASS: Record<TDiffLine['kind'], string> = {
  same: 'text-fg-muted',
  added: 'bg-success-surface text-success-text',
  removed: 'bg-danger-surface text-danger-text',
};
const MARK: Record<TDiffLine['kind'], string> = { same: ' ', added: '+', removed: '−' };
/** Unchanged lines kept around each change; longer unchanged runs are folded. */
const CONTEXT = 3;

type TRow = { kind: 'line'; line: TDiffLine } | { kind: 'fold'; count: number };

/** The diff's rows with long unchanged runs folded to `CONTEXT` lines around each change. */
export function foldDiff(lines: readonly TDiffLine[]): TRow[] {
  const isNearChange = lines.map((_, index) =>
    lines.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((line) => line.kind !== 'same'),
  );
  const rows: TRow[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'same' || isNearChange[index]) rows.push({ kind: 'line', line });
    else {
      const last = rows.at(-1);
      if (last?.kind === 'fold') last.count += 1;
      else rows.push({ kind: 'fold', count: 1 });
    }
  }
  return rows;
}

/** One file's line diff: added lines marked +, removed −, both line numbers, unchanged runs folded. */
export function DiffView({ fileName, lines }: { fileName: string; lines: readonly TDiffLine[] }) {
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <figure className="min-w-0 rounded-md border border-border" data-testid="diff-file" data-file={fileName}>
      <figcaption className="flex items-center justify-between gap-2 border-b border-border bg-surface-sunken px-3 py-1.5 text-xs">
        <span className="font-mono">{fileName}</span>
        <span>
          <span className="text-success-text">+{added}</span>{' '}
          <span className="text-danger-text">−{removed}</span>
        </span>
      </figcaption>
      {added + removed === 0 ? (
        <p className="px-3 py-2 text-xs text-fg-muted">No changes.</p>
      ) : (
        <pre className="max-h-96 overflow-auto py-1 font-mono text-xs leading-5">
          {foldDiff(lines).map((row, index) =>
            row.kind === 'fold' ? (
              <div key={`fold-${index}`} className="px-3 text-fg-subtle italic">
                … {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
              </div>
            ) : (
              <div
                key={`${row.line.oldLine}-${row.line.newLine}`}
                className={`flex ${LINE_CLASS[row.line.kind]}`}
                data-kind={row.line.kind}
              >
                <span className="w-10 shrink-0 pr-2 text-right text-fg-subtle select-none">
                  {row.line.oldLine ?? ''}
                </span>
                <span className="w-10 shrink-0 pr-2 text-right text-fg-subtle select-none">
                  {row.line.newLine ?? ''}
                </span>
                <span className="w-4 shrink-0 select-none" aria-hidden="true">
                  {MARK[row.line.kind]}
                </span>
                <span className="sr-only">{row.line.kind === 'same' ? '' : `${row.line.kind}: `}</span>
                <span className="pr-3 whitespace-pre">{row.line.text}</span>
              </div>
            ),
          )}
        </pre>
      )}
    </figure>
  );
}
