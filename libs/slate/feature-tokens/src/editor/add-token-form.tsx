'use client';
import { TOKEN_TYPES } from '@lumenforge/tokens';
import { useId, useState } from 'react';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import type { TDraftOperation, TTokenDraft } from '../lib/types';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';
import {
  defaultValue,
  LAYER_LABELS,
  LAYERS,
  pathProblem,
  rowId,
  type TDraftRow,
  type TLayer,
} from './draft-model';
import { SelectField } from '../lib/ui';
import { IssueList } from './issue-list';

/** A new token: path, type and layer; it starts with a default value to edit in the inspector. */
export function AddTokenForm({
  draft,
  rows,
  onAdded,
  onCancel,
}: {
  draft: TTokenDraft;
  rows: readonly TDraftRow[];
  onAdded: (draft: TTokenDraft, selectId: string, message: string) => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const [path, setPath] = useState('');
  const [type, setType] = useState<string>('color');
  const [layer, setLayer] = useState<TLayer>('base');
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const error = pathProblem(
    path,
    rows.filter((row) => row.layer === layer).map((row) => row.path),
  );

  async function add() {
    setPending(true);
    setProblem(null);
    const operation: TDraftOperation = {
      op: 'set',
      path: path.trim(),
      theme: layer === 'base' ? null : layer,
      token: { $type: type, $value: defaultValue(type) },
    };
    const result = await sendJson<TTokenDraft>('/api/tokens/draft', {
      method: 'PATCH',
      body: { operations: [operation], expectedUpdatedAt: draft.updatedAt },
    });
    setPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    onAdded(result.data, rowId(layer, path.trim()), `Added ${path.trim()}: set its value below.`);
  }

  return (
    <form
      className="space-y-3 rounded-lg border border-border bg-surface p-3"
      aria-label="Add a token"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!error && !pending) void add();
      }}
      data-testid="add-token-form"
    >
      <div>
        <label htmlFor={`${ids}-path`} className={LABEL}>
          Path
        </label>
        <input
          id={`${ids}-path`}
          type="text"
          spellCheck={false}
          className={`${INPUT} mt-1 font-mono`}
          placeholder="color.brand.500"
          value={path}
          autoFocus
          aria-invalid={touched && error ? true : undefined}
          onChange={(event) => setPath(event.target.value)}
          data-testid="add-token-path"
        />
        {touched && error ? (
          <p role="alert" className="mt-1 text-xs text-danger-text">
            {error}
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          id={`${ids}-type`}
          label="Type"
          value={type}
          options={TOKEN_TYPES}
          onChange={setType}
          testId="add-token-type"
        />
        <SelectField
          id={`${ids}-layer`}
          label="In"
          value={layer}
          options={LAYERS.map((option) => ({ value: option, label: LAYER_LABELS[option] }))}
          onChange={(option) => setLayer(option as TLayer)}
          testId="add-token-layer"
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={BUTTON_PRIMARY} disabled={pending} data-testid="add-token-submit">
          {pending ? 'Adding…' : 'Add token'}
        </button>
        <button type="button" className={BUTTON_SECONDARY} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {problem ? (
        <>
          <Notice tone="danger">{problem.message}</Notice>
          <IssueList issues={problem.issues} title="Refused because of:" testId="add-token-issues" />
        </>
      ) : null}
    </form>
  );
}
