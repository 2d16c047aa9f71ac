'use client';
import { useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import { summaryText } from '../lib/diff';
import { BreakingReport, BumpBadge, DiffView } from '../lib/diff-view';
import { formatDateTime } from '@lumenforge/ui/format';
import type { TTokenDiff, TTokenVersionSummary } from '../lib/types';
import {
  Badge,
  BUTTON_DANGER_SOLID,
  BUTTON_SECONDARY,
  FOCUS,
  LINK,
  Notice,
  PageHeader,
  Section,
  TABLE,
  TABLE_WRAPPER,
  TD,
  TableHead,
} from '@lumenforge/ui/page-parts';
import { BUTTON_SMALL, EmptyState } from '../lib/ui';
import { authorName, comparePair, diffUrl, predecessorOf, toggleSelection } from './version-model';

export type VersionHistoryProps = {
  versions: TTokenVersionSummary[];
  /** `tokens.write`: may restore. */
  canWrite: boolean;
};

type TCompare =
  | { status: 'idle' }
  | { status: 'loading'; from: number; to: number }
  | { status: 'done'; from: number; to: number; diff: TTokenDiff }
  | { status: 'failed'; from: number; to: number; message: string };

/** Every published version, newest first; compare any two; restore an old one as a new version. */
export function VersionHistory({ versions: initialVersions, canWrite }: VersionHistoryProps) {
  const [versions, setVersions] = useState(initialVersions);
  const [selection, setSelection] = useState<number[]>([]);
  const [compare, setCompare] = useState<TCompare>({ status: 'idle' });
  const [confirming, setConfirming] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [flash, setFlash] = useState<{ tone: 'success' | 'danger'; message: string } | null>(null);
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  const numbers = sorted.map((version) => version.number);
  const semverOf = (number: number) =>
    versions.find((version) => version.number === number)?.semver ?? `#${number}`;
  const pair = comparePair(selection);

  async function load(from: number, to: number) {
    setCompare({ status: 'loading', from, to });
    const result = await sendJson<TTokenDiff>(diffUrl(from, to), { method: 'GET' });
    setCompare(
      result.ok
        ? { status: 'done', from, to, diff: result.data }
        : { status: 'failed', from, to, message: result.problem.message },
    );
    requestAnimationFrame(() => document.getElementById('compare-title')?.scrollIntoView({ block: 'start' }));
  }

  async function restore(number: number) {
    setRestoring(true);
    setFlash(null);
    const result = await sendJson<{ version: TTokenVersionSummary }>(
      `/api/tokens/versions/${number}/restore`,
      { method: 'POST', body: { changelog: `Restored version ${semverOf(number)}.` } },
    );
    setRestoring(false);
    setConfirming(null);
    if (!result.ok) {
      setFlash({ tone: 'danger', message: result.problem.message });
      return;
    }
    const list = await sendJson<{ versions: TTokenVersionSummary[] }>('/api/tokens/versions', {
      method: 'GET',
    });
    if (list.ok) setVersions(list.data.versions);
    else setVersions((current) => [result.data.version, ...current]);
    setSelection([]);
    setFlash({
      tone: 'success',
      message: `Restored ${semverOf(number)} as the new version ${result.data.version.semver}.`,
    });
  }

  return (
    <div className="space-y-8">
      <PageHeader
        title="Version history"
        description="Every published version of the tokens, newest first. Tick two to compare them; restoring publishes an old version's content as a new version."
        actions={
          <a href="/editor" className={BUTTON_SECONDARY}>
            Open the editor
          </a>
        }
      />
      {flash ? (
        <Notice tone={flash.tone} testId={flash.tone === 'success' ? 'restore-success' : 'restore-error'}>
          {flash.message}
        </Notice>
      ) : null}

      {sorted.length === 0 ? (
        <EmptyState title="Nothing is published yet" testId="versions-empty">
          {canWrite ? (
            <a className={LINK} href="/editor#publish">
              Publish the draft from the editor
            </a>
          ) : (
            'A designer publishes versions from the editor.'
          )}
        </EmptyState>
      ) : (
        <Section
          id="versions"
          title="Versions"
          actions={
            <button
              type="button"
              className={BUTTON_SECONDARY}
              disabled={!pair}
              onClick={() => pair && void load(pair.from, pair.to)}
              data-testid="compare-selected"
            >
              {pair
                ? `Compare ${semverOf(pair.from)} → ${semverOf(pair.to)}`
                : 'Tick two versions to compare'}
            </button>
          }
        >
          <div className={TABLE_WRAPPER}>
            <table className={TABLE} data-testid="versions-table">
              <caption className="sr-only">Published versions, newest first</caption>
              <TableHead
                columns={[
                  { label: 'Compare', isHidden: true },
                  'Version',
                  'Published',
                  'Changelog',
                  'Changes',
                  { label: 'Actions', isHidden: true },
                ]}
              />
              <tbody>
                {sorted.map((version, index) => {
                  const previous = predecessorOf(numbers, version.number);
                  return (
                    <tr
                      key={version.number}
                      data-testid={`version-row-${version.number}`}
                      className={selection.includes(version.number) ? 'bg-accent-surface/50' : ''}
                    >
                      <td className={TD}>
                        <input
                          type="checkbox"
                          className={`mt-0.5 size-4 ${FOCUS}`}
                          checked={selection.includes(version.number)}
                          onChange={() => setSelection((current) => toggleSelection(current, version.number))}
                          aria-label={`Select version ${version.semver} to compare`}
                          data-testid={`version-select-${version.number}`}
                        />
                      </td>
                      <td className={TD}>
                        <a href={`/versions/${version.number}`} className={`${LINK} font-mono`}>
                          {version.semver}
                        </a>
                        <div className="mt-1 flex flex-wrap gap-1">
                          {index === 0 ? <Badge tone="success">Latest</Badge> : null}
                          <BumpBadge bump={version.bump} isFirst={version.number === 1} />
                          {version.isBreaking ? (
                            <Badge tone="danger" testId={`version-breaking-${version.number}`}>
                              Breaking
                            </Badge>
                          ) : null}
                        </div>
                      </td>
                      <td className={`${TD} whitespace-nowrap`}>
                        <time dateTime={version.publishedAt}>{formatDateTime(version.publishedAt)}</time>
                        <span className="block text-xs text-fg-muted">{authorName(version.author)}</span>
                      </td>
                      <td className={`${TD} max-w-md`}>
                        <p className="whitespace-pre-line">
                          {version.changelog || <span className="text-fg-subtle">No changelog</span>}
                        </p>
                        {version.restoredFrom !== null ? (
                          <p className="mt-1 text-xs text-fg-muted">
                            Restored from {semverOf(version.restoredFrom)}
                          </p>
                        ) : null}
                      </td>
                      <td className={`${TD} text-xs text-fg-muted`}>
                        {previous === null ? 'First version' : summaryText(version.summary)}
                      </td>
                      <td className={`${TD} text-right`}>
                        <div className="flex flex-wrap justify-end gap-1">
                          {previous !== null ? (
                            <button
                              type="button"
                              className={BUTTON_SMALL}
                              onClick={() => {
                                setSelection([previous, version.number]);
                                void load(previous, version.number);
                              }}
                              // The name starts with the visible word (WCAG 2.5.3, label in name).
                              aria-label={`Diff ${version.semver} with the version before it`}
                              data-testid={`version-compare-previous-${version.number}`}
                            >
                              Diff
                            </button>
                          ) : null}
                          {canWrite && index > 0 ? (
                            confirming === version.number ? (
                              <span
                                role="group"
                                aria-label={`Confirm restoring ${version.semver}`}
                                className="flex flex-wrap items-center justify-end gap-1"
                              >
                                <span className="text-xs">
                                  Publish {version.semver}&apos;s tokens as a new version?
                                </span>
                                <button
                                  type="button"
                                  className={BUTTON_SMALL}
                                  onClick={() => setConfirming(null)}
                                >
                                  Cancel
                                </button>
                                <button
                                  type="button"
                                  className={`${BUTTON_DANGER_SOLID} px-2 py-0.5 text-xs`}
                                  autoFocus
                                  disabled={restoring}
                                  onClick={() => void restore(version.number)}
                                  data-testid={`version-restore-confirm-${version.number}`}
                                >
                                  {restoring ? 'Restoring…' : 'Restore'}
                                </button>
                              </span>
                            ) : (
                              <button
                                type="button"
                                className={BUTTON_SMALL}
                                onClick={() => setConfirming(version.number)}
                                aria-label={`Restore version ${version.semver}`}
                                data-testid={`version-restore-${version.number}`}
                              >
                                Restore…
                              </button>
                            )
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Section>
      )}

      {compare.status !== 'idle' ? (
        <section
          aria-labelledby="compare-title"
          className="scroll-mt-28 space-y-3"
          data-testid="version-compare"
        >
          <h2 id="compare-title" className="text-base font-semibold">
            {semverOf(compare.from)} → {semverOf(compare.to)}
          </h2>
          {compare.status === 'loading' ? <p className="text-sm text-fg-muted">Loading the diff…</p> : null}
          {compare.status === 'failed' ? <Notice tone="danger">{compare.message}</Notice> : null}
          {compare.status === 'done' ? (
            <>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span>{summaryText(compare.diff.summary)}</span>
                <BumpBadge bump={compare.diff.bump} />
              </div>
              <BreakingReport diff={compare.diff} />
              <DiffView
                diff={compare.diff}
                testId="version-diff"
                emptyText="These versions have the same tokens."
              />
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
