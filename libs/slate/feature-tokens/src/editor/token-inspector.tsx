'use client';
import { useId, useMemo, useState } from 'react';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import type { TDraftOperation, TTokenDraft } from '../lib/types';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, FOCUS, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';
import { ConfirmDanger } from '../lib/ui';
import { AliasPicker } from './alias-picker';
import {
  aliasCandidates,
  aliasProblem,
  blocksSave,
  formFromRow,
  introducedIssues,
  isBlocking,
  isFormDirty,
  issuesForPath,
  LAYER_LABELS,
  LAYERS,
  pathProblem,
  rowId,
  setOperation,
  type TDraftRow,
  type TTokenForm,
} from './draft-model';
import { IssueList } from './issue-list';
import { useLiveValidation } from './use-live-validation';
import { ValueEditor } from './value-editors';

export type TokenInspectorProps = {
  row: TDraftRow;
  rows: readonly TDraftRow[];
  draft: TTokenDraft;
  canWrite: boolean;
  /** The draft the server answered with after a save. */
  onSaved: (draft: TTokenDraft, selectId: string | null, message: string) => void;
  /** Fetch the draft again (after a 409). */
  onReload: () => void;
};

type TSaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; message: string }
  | { status: 'failed'; problem: TApiProblem };

/** The selected token: type-appropriate value inputs or an alias, description, deprecation, theme. */
export function TokenInspector({ row, rows, draft, canWrite, onSaved, onReload }: TokenInspectorProps) {
  const ids = useId();
  const [form, setForm] = useState<TTokenForm>(() => formFromRow(row));
  const [valueError, setValueError] = useState<string | null>(null);
  const [save, setSave] = useState<TSaveState>({ status: 'idle' });
  const [renameTo, setRenameTo] = useState(row.path);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const candidates = useMemo(() => aliasCandidates(rows, row.type, row.path), [rows, row.type, row.path]);
  const aliasError = form.mode === 'alias' ? aliasProblem(form.alias, candidates) : null;
  const localError = form.mode === 'value' ? valueError : aliasError;
  const dirty = isFormDirty(form, row);
  const operation: TDraftOperation | null =
    dirty && !localError ? setOperation(row.path, form, row.token) : null;
  const validation = useLiveValidation(canWrite && operation ? [operation] : null);
  const introduced = validation.status === 'done' ? introducedIssues(draft.issues, validation.issues) : [];
  const blocking = introduced.filter(blocksSave);
  const publishBlocking = introduced.filter((issue) => isBlocking(issue) && !blocksSave(issue));
  const existing = issuesForPath(draft.issues, row.path);
  const canSave =
    canWrite &&
    dirty &&
    !localError &&
    // A failed check (network) does not block: the server validates the save again.
    (validation.status === 'done' || validation.status === 'failed') &&
    blocking.length === 0 &&
    save.status !== 'saving';

  function update(patch: Partial<TTokenForm>) {
    setForm((current) => ({ ...current, ...patch }));
    if (save.status !== 'saving') setSave({ status: 'idle' });
  }

  async function patch(operations: TDraftOperation[], selectId: string | null, message: string) {
    setSave({ status: 'saving' });
    const result = await sendJson<TTokenDraft>('/api/tokens/draft', {
      method: 'PATCH',
      body: { operations, expectedUpdatedAt: draft.updatedAt },
    });
    if (!result.ok) {
      setSave({ status: 'failed', problem: result.problem });
      return;
    }
    setSave({ status: 'saved', message });
    onSaved(result.data, selectId, message);
  }

  const renameProblem =
    renameTo.trim() === row.path
      ? null
      : pathProblem(
          renameTo,
          rows.filter((other) => other.layer === row.layer).map((other) => other.path),
        );

  return (
    <div className="space-y-5" data-testid="token-inspector">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-mono text-base font-semibold break-all" data-testid="inspector-path">
            {row.path}
          </h2>
          <p className="text-xs text-fg-muted">
            {row.type || 'untyped'} · {LAYER_LABELS[row.layer]}
            {row.aliasOf ? ` · alias of {${row.aliasOf}}` : ''}
          </p>
        </div>
      </div>

      <IssueList
        issues={existing}
        title="Issues of this token in the draft"
        testId="existing-issues"
        tone="warning"
      />

      <fieldset disabled={!canWrite} className="space-y-5">
        <legend className="sr-only">Edit {row.path}</legend>
        <fieldset>
          <legend className={LABEL}>Where the edit goes</legend>
          <div className="mt-1 inline-flex rounded-md border border-border bg-surface p-0.5">
            {LAYERS.map((layer) => (
              <label
                key={layer}
                className={`cursor-pointer rounded px-2.5 py-1 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus ${
                  form.layer === layer ? 'bg-accent-surface text-accent-text' : 'text-fg-muted hover:text-fg'
                }`}
              >
                <input
                  type="radio"
                  name={`${ids}-layer`}
                  value={layer}
                  checked={form.layer === layer}
                  onChange={() => update({ layer })}
                  className="sr-only"
                  data-testid={`inspector-layer-${layer}`}
                />
                {layer === 'base' ? 'Base' : layer === 'light' ? 'Light' : 'Dark'}
              </label>
            ))}
          </div>
          {form.layer !== row.layer ? (
            <p className="mt-1 text-xs text-fg-muted">
              Saving writes this token into the {LAYER_LABELS[form.layer].toLowerCase()}
              {form.layer === 'base' ? '' : ', overriding the base there'}; the{' '}
              {LAYER_LABELS[row.layer].toLowerCase()} keeps its own.
            </p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend className={LABEL}>Value</legend>
          <div className="mt-1 inline-flex rounded-md border border-border bg-surface p-0.5">
            {(['value', 'alias'] as const).map((mode) => (
              <label
                key={mode}
                className={`cursor-pointer rounded px-2.5 py-1 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus ${
                  form.mode === mode ? 'bg-accent-surface text-accent-text' : 'text-fg-muted hover:text-fg'
                }`}
              >
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  value={mode}
                  checked={form.mode === mode}
                  onChange={() => update({ mode })}
                  className="sr-only"
                  data-testid={`inspector-mode-${mode}`}
                />
                {mode === 'value' ? 'Own value' : 'Alias'}
              </label>
            ))}
          </div>
          <div className="mt-3">
            {form.mode === 'value' ? (
              <ValueEditor
                type={row.type}
                value={form.value}
                idPrefix={`${ids}-value`}
                disabled={!canWrite}
                onChange={(value, error) => {
                  setValueError(error);
                  if (!error) update({ value });
                }}
              />
            ) : (
              <AliasPicker
                value={form.alias}
                candidates={candidates}
                idPrefix={`${ids}-alias`}
                disabled={!canWrite}
                error={form.alias ? aliasError : null}
                onChange={(alias) => update({ alias })}
              />
            )}
          </div>
        </fieldset>

        <div>
          <label htmlFor={`${ids}-description`} className={LABEL}>
            Description
          </label>
          <textarea
            id={`${ids}-description`}
            rows={2}
            className={`${INPUT} mt-1`}
            value={form.description}
            onChange={(event) => update({ description: event.target.value })}
            data-testid="inspector-description"
          />
        </div>

        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={form.deprecated}
              onChange={(event) => update({ deprecated: event.target.checked })}
              className={`size-4 ${FOCUS}`}
              data-testid="inspector-deprecated"
            />
            Deprecated
          </label>
          {form.deprecated ? (
            <div className="min-w-60 flex-1">
              <label htmlFor={`${ids}-deprecated-reason`} className={LABEL}>
                What to use instead (optional)
              </label>
              <input
                id={`${ids}-deprecated-reason`}
                type="text"
                className={`${INPUT} mt-1`}
                value={form.deprecatedReason}
                placeholder="Use color.fg-muted"
                onChange={(event) => update({ deprecatedReason: event.target.value })}
              />
            </div>
          ) : null}
        </div>
      </fieldset>

      <div className="space-y-2" aria-live="polite">
        {validation.status === 'pending' ? (
          <p className="text-xs text-fg-muted" data-testid="validation-pending">
            Checking…
          </p>
        ) : null}
        {validation.status === 'failed' ? (
          <Notice tone="warning">Could not check the change: {validation.message}</Notice>
        ) : null}
        {validation.status === 'done' && blocking.length === 0 && dirty ? (
          <p className="text-xs text-success-text" data-testid="validation-ok">
            Valid{validation.proposedSemver ? ` · publishing would make ${validation.proposedSemver}` : ''}
            {publishBlocking.length ? ` · ${publishBlocking.length} contrast problem(s)` : ''}
          </p>
        ) : null}
      </div>
      <IssueList
        issues={blocking}
        title="This change makes the tokens invalid: fix it to save"
        testId="validation-issues"
      />
      <IssueList
        issues={publishBlocking}
        title="You can save this, but the draft cannot be published until these are fixed:"
        testId="validation-contrast"
        tone="warning"
        alert
      />
      <IssueList
        issues={introduced.filter((issue) => !isBlocking(issue))}
        title="Warnings"
        testId="validation-warnings"
        tone="warning"
      />

      {canWrite ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-border pt-4">
          <button
            type="button"
            className={BUTTON_PRIMARY}
            disabled={!canSave}
            onClick={() =>
              operation &&
              void patch([operation], rowId(form.layer, row.path), `Saved ${row.path} to the draft.`)
            }
            data-testid="inspector-save"
          >
            {save.status === 'saving' ? 'Saving…' : 'Save to draft'}
          </button>
          <button
            type="button"
            className={BUTTON_SECONDARY}
            disabled={!dirty}
            onClick={() => {
              setForm(formFromRow(row));
              setValueError(null);
              setSave({ status: 'idle' });
            }}
          >
            Reset
          </button>
          {!dirty ? <span className="text-xs text-fg-muted">No unsaved changes.</span> : null}
        </div>
      ) : null}

      {save.status === 'saved' ? (
        <Notice tone="success" testId="inspector-saved">
          {save.message}
        </Notice>
      ) : null}
      {save.status === 'failed' ? (
        <div className="space-y-2" data-testid="inspector-save-error">
          <Notice tone="danger">
            {save.problem.status === 409
              ? 'Someone else saved the draft since you loaded it, so nothing was saved. Reload the draft to see their changes, then make your edit again.'
              : save.problem.message}
            {save.problem.status === 409 ? (
              <button type="button" className={`${BUTTON_SECONDARY} ml-2`} onClick={onReload}>
                Reload draft
              </button>
            ) : null}
          </Notice>
          <IssueList
            issues={save.problem.issues}
            title="The server refused these tokens:"
            testId="save-issues"
          />
        </div>
      ) : null}

      {canWrite ? (
        <div className="space-y-4 border-t border-border pt-4">
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-60 flex-1">
              <label htmlFor={`${ids}-rename`} className={LABEL}>
                Rename to
              </label>
              <input
                id={`${ids}-rename`}
                type="text"
                spellCheck={false}
                className={`${INPUT} mt-1 font-mono`}
                value={renameTo}
                aria-invalid={renameProblem ? true : undefined}
                onChange={(event) => setRenameTo(event.target.value)}
                data-testid="inspector-rename-input"
              />
            </div>
            <button
              type="button"
              className={BUTTON_SECONDARY}
              disabled={renameTo.trim() === row.path || renameProblem !== null || save.status === 'saving'}
              onClick={() =>
                void patch(
                  [
                    {
                      op: 'rename',
                      path: row.path,
                      to: renameTo.trim(),
                      theme: row.layer === 'base' ? null : row.layer,
                    },
                  ],
                  rowId(row.layer, renameTo.trim()),
                  `Renamed ${row.path} to ${renameTo.trim()}.`,
                )
              }
              data-testid="inspector-rename"
            >
              Rename
            </button>
          </div>
          {renameProblem ? (
            <p role="alert" className="text-xs text-danger-text">
              {renameProblem}
            </p>
          ) : (
            <p className="text-xs text-fg-muted">
              Renaming is a breaking change for code that uses the old name.
            </p>
          )}
          <ConfirmDanger
            confirming={confirmingDelete}
            onConfirmingChange={setConfirmingDelete}
            label="Delete token…"
            groupLabel={`Confirm deleting ${row.path}`}
            question={
              <>
                Delete <strong className="font-mono">{row.path}</strong> from the{' '}
                {LAYER_LABELS[row.layer].toLowerCase()}? Tokens aliasing it become invalid.
              </>
            }
            confirmLabel="Delete token"
            busy={save.status === 'saving'}
            onConfirm={() =>
              void patch(
                [{ op: 'remove', path: row.path, theme: row.layer === 'base' ? null : row.layer }],
                null,
                `Deleted ${row.path}.`,
              )
            }
            testId="inspector-delete"
            confirmTestId="inspector-delete-confirm"
          />
        </div>
      ) : null}
    </div>
  );
}
