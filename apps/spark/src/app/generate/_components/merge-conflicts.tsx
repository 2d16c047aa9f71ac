import type { TMergeConflict } from '@lumenforge/spark-generator';
import { Notice } from '@lumenforge/ui/page-parts';
import { fileNameOf } from './component-files';

/**
 * Where a follow-up and the person's own edits changed the same lines: the person's lines were kept
 * (no conflict markers in the code); the follow-up's version of each place is shown to copy from.
 */
export function MergeConflicts({ name, conflicts }: { name: string; conflicts: readonly TMergeConflict[] }) {
  if (conflicts.length === 0) return null;
  return (
    <section aria-label="Merge conflicts" data-testid="merge-conflicts">
      <Notice tone="warning">
        <p className="font-medium">
          {conflicts.length === 1
            ? 'One place where the follow-up and your edits changed the same lines: your lines were kept.'
            : `${conflicts.length} places where the follow-up and your edits changed the same lines: your lines were kept.`}{' '}
          The follow-up’s version is below, to copy from.
        </p>
        <ul className="mt-2 space-y-2">
          {conflicts.map((conflict) => (
            <li
              key={`${conflict.file}:${conflict.startLine}:${conflict.theirsStartLine}`}
              data-testid="merge-conflict"
              className="min-w-0"
            >
              <p className="font-mono text-xs">
                {fileNameOf(name, conflict.file)}:
                {conflict.endLine >= conflict.startLine
                  ? `${conflict.startLine}–${conflict.endLine} (yours, kept)`
                  : `${conflict.startLine} (you removed these lines)`}
              </p>
              <pre className="mt-1 max-h-48 overflow-auto rounded border border-border bg-surface p-2 font-mono text-xs whitespace-pre">
                {conflict.theirs.length > 0
                  ? conflict.theirs.join('\n')
                  : '(the follow-up removed these lines)'}
              </pre>
            </li>
          ))}
        </ul>
      </Notice>
    </section>
  );
}
