// A token diff for review: changes grouped by kind (breaking kinds first and marked), and the
// breaking-change report. Server and client components alike.
import { breakingChanges, changeLabel, describeValue, groupDiff, isBreakingChange } from './diff';
import { plural } from '@lumenforge/ui/format';
import type { TTokenChange, TTokenDiff } from './types';
import { Badge, type TTone } from '@lumenforge/ui/page-parts';
import { CODE, EmptyState } from './ui';

const BUMP_TONE: Record<TTokenDiff['bump'], TTone> = {
  major: 'danger',
  minor: 'accent',
  patch: 'info',
  none: 'neutral',
};

/** `major`, `minor`, `patch`, `no changes`; `first version` for a version with nothing before it. */
export function BumpBadge({
  bump,
  testId,
  isFirst = false,
}: {
  bump: TTokenDiff['bump'];
  testId?: string;
  isFirst?: boolean;
}) {
  if (isFirst)
    return (
      <Badge tone="neutral" testId={testId}>
        first version
      </Badge>
    );
  return (
    <Badge tone={BUMP_TONE[bump]} testId={testId}>
      {bump === 'none' ? 'no changes' : bump}
    </Badge>
  );
}

function ChangeValues({ change }: { change: TTokenChange }) {
  const before = change.before;
  const after = change.after;
  if (change.kind === 'renamed')
    return (
      <span className="text-xs text-fg-muted">
        from <code className={CODE}>{change.previousPath ?? '?'}</code>
      </span>
    );
  if (change.kind === 'type-changed')
    return (
      <span className="text-xs text-fg-muted">
        {before?.type ?? '?'} → {after?.type ?? '?'}
      </span>
    );
  if (change.kind === 'deprecated' && typeof after?.deprecated === 'string')
    return <span className="text-xs text-fg-muted">{after.deprecated}</span>;
  if (change.kind === 'added' && after) return <code className={CODE}>{describeValue(after.value)}</code>;
  if (change.kind === 'removed' && before)
    return <code className={`${CODE} line-through`}>{describeValue(before.value)}</code>;
  if (change.kind === 'value-changed' && before && after)
    return (
      <span className="flex flex-wrap items-center gap-1 text-xs">
        <code className={`${CODE} line-through`}>{describeValue(before.value)}</code>
        <span aria-label="becomes">→</span>
        <code className={CODE}>{describeValue(after.value)}</code>
      </span>
    );
  return null;
}

/** The changes by kind, each a list of paths (with theme) and before → after. */
export function DiffView({
  diff,
  headingLevel = 3,
  testId = 'token-diff',
  emptyText = 'No changes.',
}: {
  diff: Pick<TTokenDiff, 'changes'>;
  headingLevel?: 3 | 4;
  testId?: string;
  emptyText?: string;
}) {
  const groups = groupDiff(diff);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  if (groups.length === 0) return <EmptyState title={emptyText} testId={`${testId}-empty`} />;
  return (
    <div className="space-y-4" data-testid={testId}>
      {groups.map((group) => (
        <div key={group.kind} data-testid={`${testId}-${group.kind}`}>
          <Heading className="flex items-center gap-2 text-sm font-semibold">
            {group.label}
            <span className="text-xs font-normal text-fg-muted">{group.changes.length}</span>
            {group.breaking ? <Badge tone="danger">Breaking</Badge> : null}
          </Heading>
          <ul className="mt-1.5 divide-y divide-border rounded-md border border-border bg-surface">
            {group.changes.map((change) => (
              <li
                key={`${change.kind}:${change.theme ?? ''}:${change.path}`}
                className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5 text-sm ${isBreakingChange(change) ? 'border-l-2 border-l-danger-500' : ''}`}
              >
                <span className="font-mono text-xs">{changeLabel(change)}</span>
                <ChangeValues change={change} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

const BREAKING_REASON: Partial<Record<TTokenChange['kind'], string>> = {
  removed: 'removed: code using it loses the value',
  renamed: 'renamed: code using the old name loses the value',
  'type-changed': 'type changed: code using it gets another kind of value',
};

/** Which changes break consumers and what that means for the version. */
export function BreakingReport({ diff }: { diff: Pick<TTokenDiff, 'changes'> }) {
  const breaking = breakingChanges(diff);
  if (breaking.length === 0)
    return (
      <div
        role="region"
        aria-label="Breaking changes"
        className="rounded-md border border-success-500/40 bg-success-surface px-3 py-2 text-sm text-success-text"
        data-testid="breaking-report"
        data-breaking="false"
      >
        No breaking changes: nothing is removed, renamed or changes type.
      </div>
    );
  return (
    <div
      role="region"
      aria-label="Breaking changes"
      className="rounded-md border border-danger-500/40 bg-danger-surface px-3 py-2 text-sm text-danger-text"
      data-testid="breaking-report"
      data-breaking="true"
    >
      <p className="font-semibold">
        {plural(breaking.length, 'breaking change')}: this needs a major version.
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {breaking.map((change) => (
          <li key={`${change.kind}:${change.theme ?? ''}:${change.path}`}>
            <span className="font-mono text-xs">{changeLabel(change)}</span>{' '}
            {change.kind === 'renamed' && change.previousPath ? (
              <>
                (was <span className="font-mono text-xs">{change.previousPath}</span>){' '}
              </>
            ) : null}
            {BREAKING_REASON[change.kind]}
          </li>
        ))}
      </ul>
    </div>
  );
}
