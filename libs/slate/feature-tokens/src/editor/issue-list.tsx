import { issueLocation, type TShownIssue } from './draft-model';

/** Validation issues with the token path each is about; announced at once (`role="alert"`). */
export function IssueList({
  issues,
  title,
  testId,
  tone = 'danger',
  alert = tone === 'danger',
}: {
  issues: readonly TShownIssue[];
  title: string;
  testId: string;
  tone?: 'danger' | 'warning';
  /** Announce at once (`role="alert"`); default for danger. */
  alert?: boolean;
}) {
  if (issues.length === 0) return null;
  const toneClass =
    tone === 'danger'
      ? 'border-danger-500/40 bg-danger-surface text-danger-text'
      : 'border-warning-500/40 bg-warning-surface text-warning-text';
  return (
    <div
      role={alert ? 'alert' : 'status'}
      className={`rounded-md border px-3 py-2 text-sm ${toneClass}`}
      data-testid={testId}
    >
      <p className="font-medium">{title}</p>
      <ul className="mt-1 space-y-0.5">
        {issues.slice(0, 50).map((issue, index) => (
          <li key={`${index}:${issue.path}:${issue.message}`} data-testid={`${testId}-item`}>
            <span className="font-mono text-xs">{issueLocation(issue)}</span>: {issue.message}
          </li>
        ))}
        {issues.length > 50 ? <li>… and {issues.length - 50} more</li> : null}
      </ul>
    </div>
  );
}
