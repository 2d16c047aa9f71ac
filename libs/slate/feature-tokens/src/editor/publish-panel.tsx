'use client';
import { useId, useState } from 'react';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { BreakingReport, BumpBadge, DiffView } from '../lib/diff-view';
import { summaryText } from '../lib/diff';
import { semverProblem } from '../lib/semver';
import type { TTokenDraft, TTokenVersionSummary } from '../lib/types';
import { BUTTON_PRIMARY, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';
import { isBlocking } from './draft-model';
import { IssueList } from './issue-list';

/** Why the publish button is disabled (`null` when it is not). */
export function publishBlocker(input: {
  hasChanges: boolean;
  blockingIssues: number;
  semverError: string | null;
  changelog: string;
}): string | null {
  if (!input.hasChanges) return 'The draft is the same as the published version: change a token first.';
  if (input.blockingIssues > 0) return 'Fix the issues in the draft first.';
  if (input.semverError) return input.semverError;
  if (!input.changelog.trim()) return 'Write a changelog: what changed and why.';
  return null;
}

/** The draft against the published version, the breaking-change report, version and changelog, Publish. */
export function PublishPanel({
  draft,
  canWrite,
  onPublished,
}: {
  draft: TTokenDraft;
  canWrite: boolean;
  onPublished: (version: TTokenVersionSummary) => void;
}) {
  const ids = useId();
  const [semver, setSemver] = useState(draft.proposedSemver);
  const [changelog, setChangelog] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const semverError = semverProblem(semver, draft.proposedSemver);
  const blocker = publishBlocker({
    hasChanges: draft.hasChanges,
    blockingIssues: draft.issues.filter(isBlocking).length,
    semverError,
    changelog,
  });

  async function publish() {
    setPending(true);
    setProblem(null);
    const result = await sendJson<{ version: TTokenVersionSummary }>('/api/tokens/publish', {
      method: 'POST',
      body: { changelog: changelog.trim(), semver: semver.trim(), expectedUpdatedAt: draft.updatedAt },
    });
    setPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setChangelog('');
    onPublished(result.data.version);
  }

  return (
    <div className="space-y-4" data-testid="publish-panel">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-fg-muted">Against version {draft.basedOn ?? '— (nothing published yet)'}:</span>
        <span data-testid="draft-summary">{summaryText(draft.diff.summary)}</span>
        <BumpBadge bump={draft.diff.bump} testId="draft-bump" />
      </div>
      <BreakingReport diff={draft.diff} />
      <DiffView diff={draft.diff} testId="draft-diff" emptyText="No changes since the published version." />
      <IssueList
        issues={draft.issues}
        title="The draft cannot be published until these are fixed:"
        testId="draft-issues"
      />
      {canWrite ? (
        <form
          className="space-y-3 rounded-lg border border-border bg-surface p-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!blocker && !pending) void publish();
          }}
          aria-label="Publish the draft"
        >
          <div className="w-48">
            <label htmlFor={`${ids}-semver`} className={LABEL}>
              Version (at least {draft.proposedSemver})
            </label>
            <input
              id={`${ids}-semver`}
              type="text"
              inputMode="decimal"
              className={`${INPUT} mt-1 font-mono`}
              value={semver}
              onChange={(event) => setSemver(event.target.value)}
              aria-invalid={semverError ? true : undefined}
              aria-describedby={semverError ? `${ids}-semver-error` : undefined}
              data-testid="publish-semver"
            />
            {semverError ? (
              <p id={`${ids}-semver-error`} role="alert" className="mt-1 text-xs text-danger-text">
                {semverError}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={`${ids}-changelog`} className={LABEL}>
              Changelog (required)
            </label>
            <textarea
              id={`${ids}-changelog`}
              rows={3}
              required
              className={`${INPUT} mt-1`}
              placeholder="What changed and why, for the people who use the tokens."
              value={changelog}
              onChange={(event) => setChangelog(event.target.value)}
              data-testid="publish-changelog"
            />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              className={BUTTON_PRIMARY}
              disabled={blocker !== null || pending}
              data-testid="publish-button"
            >
              {pending ? 'Publishing…' : `Publish ${parseableOr(semver, draft.proposedSemver)}`}
            </button>
            {blocker ? (
              <span className="text-xs text-fg-muted" data-testid="publish-blocker">
                {blocker}
              </span>
            ) : null}
          </div>
          {problem ? (
            <div className="space-y-2" data-testid="publish-error">
              <Notice tone="danger">
                {problem.status === 409
                  ? `${problem.message} Reload the page to see the current draft.`
                  : problem.message}
              </Notice>
              <IssueList
                issues={problem.issues}
                title="Publishing was refused because of:"
                testId="publish-issues"
              />
            </div>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function parseableOr(input: string, fallback: string): string {
  return semverProblem(input, '0.0.0') ? fallback : input.trim();
}
