'use client';
import { useId, useMemo, useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import { ExportLinks } from '../lib/export-links';
import { formatDateTime, plural } from '@lumenforge/ui/format';
import type { TTokenDraft, TTokenVersionSummary } from '../lib/types';
import {
  Badge,
  BUTTON_PRIMARY,
  BUTTON_SECONDARY,
  FOCUS,
  INPUT,
  LABEL,
  LINK,
  Notice,
  PageHeader,
  Section,
} from '@lumenforge/ui/page-parts';
import { ConfirmDanger, EmptyState } from '../lib/ui';
import { AddTokenForm } from './add-token-form';
import { colorCss } from './color-model';
import {
  draftRows,
  groupRows,
  isBlocking,
  LAYER_LABELS,
  rowKey,
  searchRows,
  type TDraftRow,
} from './draft-model';
import { ImportPanel } from './import-panel';
import { PublishPanel } from './publish-panel';
import { TokenInspector } from './token-inspector';

export type TokenEditorProps = {
  draft: TTokenDraft;
  /** The latest published version (null before the first publish). */
  published: TTokenVersionSummary | null;
  /** `tokens.write`: designers and admins. Without it everything is shown read-only. */
  canWrite: boolean;
  /** The signed-in user's role, for the read-only notice. */
  role?: string;
};

type TFlash = { tone: 'success' | 'danger' | 'info'; message: string; testId: string } | null;

function RowSwatch({ row }: { row: TDraftRow }) {
  if (row.type !== 'color') return <span aria-hidden="true" className="size-3.5 shrink-0" />;
  if (row.aliasOf)
    return (
      <span
        aria-hidden="true"
        className="grid size-3.5 shrink-0 place-items-center text-[10px] text-fg-subtle"
      >
        ↪
      </span>
    );
  return (
    <span
      aria-hidden="true"
      className="size-3.5 shrink-0 rounded-sm border border-black/10"
      style={{ background: colorCss(row.token.$value) }}
    />
  );
}

/** The draft's tokens as a searchable list, the inspector of the selected one, review and publish. */
export function TokenEditor({
  draft: initialDraft,
  published: initialPublished,
  canWrite,
  role,
}: TokenEditorProps) {
  const ids = useId();
  const [draft, setDraft] = useState(initialDraft);
  const [published, setPublished] = useState(initialPublished);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState<TFlash>(null);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const [busy, setBusy] = useState(false);

  const rows = useMemo(() => draftRows(draft.set), [draft.set]);
  const visible = useMemo(() => searchRows(rows, query), [rows, query]);
  const groups = useMemo(() => groupRows(visible), [visible]);
  const selected = rows.find((row) => row.id === selectedId) ?? null;
  const blockingIssues = draft.issues.filter(isBlocking);

  async function reload(message?: TFlash) {
    const result = await sendJson<TTokenDraft>('/api/tokens/draft', { method: 'GET' });
    if (result.ok) {
      setDraft(result.data);
      setFlash(message ?? { tone: 'info', message: 'Reloaded the latest draft.', testId: 'editor-reloaded' });
    } else setFlash({ tone: 'danger', message: result.problem.message, testId: 'editor-error' });
  }

  async function discard() {
    setBusy(true);
    const result = await sendJson<unknown>('/api/tokens/draft', { method: 'DELETE' });
    setBusy(false);
    setConfirmingDiscard(false);
    if (!result.ok) {
      setFlash({ tone: 'danger', message: result.problem.message, testId: 'editor-error' });
      return;
    }
    setSelectedId(null);
    await reload({
      tone: 'success',
      message: 'Discarded the draft: it is the published version again.',
      testId: 'discard-success',
    });
  }

  return (
    <div className="space-y-8">
      <PageHeader
        title="Token editor"
        description={
          <p data-testid="draft-status">
            Draft based on{' '}
            {draft.basedOn === null
              ? 'nothing published yet'
              : `version ${published?.semver ?? `#${draft.basedOn}`}`}{' '}
            · last saved {formatDateTime(draft.updatedAt)}
            {draft.updatedBy ? ` by ${draft.updatedBy.name}` : ''} ·{' '}
            {draft.hasChanges ? (
              <Badge tone="accent" testId="draft-has-changes">
                Unpublished changes
              </Badge>
            ) : (
              <Badge testId="draft-has-changes">Same as published</Badge>
            )}{' '}
            {blockingIssues.length ? (
              <Badge tone="danger">{plural(blockingIssues.length, 'issue')}</Badge>
            ) : null}
          </p>
        }
        actions={
          <>
            <a href="#publish" className={canWrite ? BUTTON_PRIMARY : BUTTON_SECONDARY}>
              {canWrite ? 'Review & publish' : 'Review changes'}
            </a>
            <a href="/versions" className={BUTTON_SECONDARY}>
              History
            </a>
          </>
        }
      />

      {!canWrite ? (
        <Notice tone="info" testId="read-only-notice">
          You are viewing the draft read-only{role ? ` (your role: ${role})` : ''}. Designers and admins edit
          and publish tokens; ask one of them for changes.
        </Notice>
      ) : null}
      {flash ? (
        <Notice tone={flash.tone} testId={flash.testId}>
          {flash.message}
        </Notice>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <nav aria-label="Draft tokens" className="min-w-0 space-y-3">
          <div>
            <label htmlFor={`${ids}-search`} className={LABEL}>
              Search the draft
            </label>
            <input
              id={`${ids}-search`}
              type="search"
              className={`${INPUT} mt-1`}
              placeholder="Path, value or description"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              data-testid="editor-search"
            />
            <p className="mt-1 text-xs text-fg-muted" aria-live="polite">
              {query ? `${plural(visible.length, 'token')} of ${rows.length}` : plural(rows.length, 'token')}
            </p>
          </div>
          {canWrite ? (
            adding ? (
              <AddTokenForm
                draft={draft}
                rows={rows}
                onCancel={() => setAdding(false)}
                onAdded={(next, selectId, message) => {
                  setDraft(next);
                  setSelectedId(selectId);
                  setAdding(false);
                  setFlash({ tone: 'success', message, testId: 'editor-saved' });
                }}
              />
            ) : (
              <button
                type="button"
                className={`${BUTTON_SECONDARY} w-full`}
                onClick={() => setAdding(true)}
                data-testid="add-token"
              >
                + Add token
              </button>
            )
          ) : null}
          <div
            className="max-h-[70vh] overflow-y-auto rounded-lg border border-border bg-surface"
            data-testid="token-list"
          >
            {groups.length === 0 ? (
              <p className="p-4 text-sm text-fg-muted">
                {rows.length === 0
                  ? 'The draft has no tokens. Add one or import a DTCG file.'
                  : 'No tokens match. Try another word.'}
              </p>
            ) : (
              groups.map((group) => (
                <details
                  key={`${group.id}:${query ? 'q' : ''}`}
                  open={
                    Boolean(query) ||
                    group.rows.length <= 20 ||
                    group.rows.some((row) => row.id === selectedId)
                  }
                  className="border-b border-border last:border-b-0"
                >
                  <summary
                    className={`flex cursor-pointer items-center justify-between gap-2 px-3 py-1.5 text-xs font-medium text-fg-muted hover:bg-surface-sunken ${FOCUS}`}
                  >
                    <span className="font-mono">{group.prefix}</span>
                    <span>
                      {group.layer === 'base' ? '' : `${LAYER_LABELS[group.layer]} · `}
                      {group.rows.length}
                    </span>
                  </summary>
                  <ul>
                    {group.rows.map((row) => {
                      const isSelected = row.id === selectedId;
                      return (
                        <li key={row.id}>
                          <button
                            type="button"
                            aria-current={isSelected ? 'true' : undefined}
                            onClick={() => setSelectedId(row.id)}
                            className={`flex w-full items-center gap-2 px-3 py-1 text-left text-sm ${FOCUS} focus-visible:-outline-offset-2 ${
                              isSelected ? 'bg-accent-surface text-accent-text' : 'hover:bg-surface-sunken'
                            }`}
                            data-testid={`token-item-${rowKey(row)}`}
                          >
                            <RowSwatch row={row} />
                            <span
                              className={`min-w-0 flex-1 truncate font-mono text-xs ${row.token.$deprecated ? 'line-through' : ''}`}
                            >
                              {row.path.split('.').at(-1)}
                            </span>
                            {row.token.$deprecated ? (
                              <span className="text-[10px] text-warning-text">deprecated</span>
                            ) : null}
                            {row.aliasOf ? (
                              <span className="max-w-28 truncate font-mono text-[10px] text-fg-muted">
                                {row.aliasOf}
                              </span>
                            ) : null}
                            <span className="sr-only">
                              {`, ${row.type || 'untyped'} in ${LAYER_LABELS[row.layer]}`}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </details>
              ))
            )}
          </div>
        </nav>

        <section
          aria-label="Inspector"
          className="min-w-0 rounded-lg border border-border bg-surface p-4 sm:p-5"
        >
          {selected ? (
            <TokenInspector
              key={`${selected.id}:${draft.updatedAt}`}
              row={selected}
              rows={rows}
              draft={draft}
              canWrite={canWrite}
              onReload={() => void reload()}
              onSaved={(next, selectId, message) => {
                setDraft(next);
                setSelectedId(selectId);
                setFlash({ tone: 'success', message, testId: 'editor-saved' });
              }}
            />
          ) : (
            <EmptyState title="Select a token to inspect it" testId="inspector-empty">
              Pick a token in the list
              {canWrite
                ? ' to edit its value, alias, description or deprecation, or add a new one'
                : ' to see its value'}
              .
            </EmptyState>
          )}
        </section>
      </div>

      <Section
        id="publish"
        title={canWrite ? 'Review & publish' : 'Changes since the published version'}
        description="The draft against the latest published version. Removed, renamed and retyped tokens break consumers and need a major version."
      >
        <PublishPanel
          key={`${draft.updatedAt}:${draft.proposedSemver}:${published?.number ?? 0}`}
          draft={draft}
          canWrite={canWrite}
          onPublished={(version) => {
            setPublished(version);
            void reload({
              tone: 'success',
              message: `Published version ${version.semver}. It is now what the explorer and the apps see.`,
              testId: 'publish-success',
            });
          }}
        />
      </Section>

      {canWrite ? (
        <Section
          id="import"
          title="Import"
          description="Replace the draft with a DTCG token file (base and themes). Every problem in the file is listed."
        >
          <ImportPanel
            onImported={(next) => {
              setDraft(next);
              setSelectedId(null);
              setFlash({
                tone: 'success',
                message: 'Imported the file into the draft.',
                testId: 'editor-saved',
              });
            }}
          />
        </Section>
      ) : null}

      <Section id="export" title="Export the draft" description="Download the draft as a file, per theme.">
        <ExportLinks version="draft" label="Export the draft" />
        {published ? (
          <p className="mt-2 text-xs text-fg-muted">
            Looking for the published version? Export it from the{' '}
            <a className={LINK} href="/">
              explorer
            </a>
            .
          </p>
        ) : null}
      </Section>

      {canWrite ? (
        <Section
          id="discard"
          title="Discard the draft"
          description="Throw away every unpublished change: the draft becomes the latest published version again."
        >
          <ConfirmDanger
            confirming={confirmingDiscard}
            onConfirmingChange={setConfirmingDiscard}
            label="Discard draft…"
            disabled={!draft.hasChanges}
            groupLabel="Confirm discarding the draft"
            question="Discard every unpublished change? This cannot be undone."
            confirmLabel={busy ? 'Discarding…' : 'Discard draft'}
            busy={busy}
            onConfirm={() => void discard()}
            testId="discard-draft"
            confirmTestId="discard-confirm"
          />
        </Section>
      ) : null}
    </div>
  );
}
