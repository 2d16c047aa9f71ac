'use client';
import { useId, useState } from 'react';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import type { TTokenDraft } from '../lib/types';
import { BUTTON_PRIMARY, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';
import { IssueList } from './issue-list';

/** Replace the draft with a DTCG JSON file (chosen or pasted); every issue is listed when refused. */
export function ImportPanel({ onImported }: { onImported: (draft: TTokenDraft) => void }) {
  const ids = useId();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [done, setDone] = useState(false);

  async function submit() {
    setPending(true);
    setProblem(null);
    setDone(false);
    const result = await sendJson<TTokenDraft>('/api/tokens/import', { method: 'POST', rawBody: text });
    setPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setDone(true);
    onImported(result.data);
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() && !pending) void submit();
      }}
      aria-label="Import DTCG JSON"
    >
      <div>
        <label htmlFor={`${ids}-file`} className={LABEL}>
          DTCG JSON file
        </label>
        <input
          id={`${ids}-file`}
          type="file"
          accept="application/json,.json"
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm file:font-medium"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            void file.text().then(setText);
          }}
          data-testid="import-file"
        />
      </div>
      <div>
        <label htmlFor={`${ids}-text`} className={LABEL}>
          Or paste the JSON{fileName ? ` (loaded from ${fileName})` : ''}
        </label>
        <textarea
          id={`${ids}-text`}
          rows={6}
          spellCheck={false}
          className={`${INPUT} mt-1 font-mono text-xs`}
          placeholder='{ "base": { … }, "themes": { "light": { … }, "dark": { … } } }'
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="import-text"
        />
      </div>
      <p className="text-xs text-fg-muted">
        Importing replaces the whole draft. The published version is not touched.
      </p>
      <button
        type="submit"
        className={BUTTON_PRIMARY}
        disabled={!text.trim() || pending}
        data-testid="import-submit"
      >
        {pending ? 'Importing…' : 'Import into the draft'}
      </button>
      {done ? (
        <Notice tone="success" testId="import-success">
          Imported: the draft now holds the file&apos;s tokens.
        </Notice>
      ) : null}
      {problem ? (
        <div className="space-y-2" data-testid="import-error">
          <Notice tone="danger">{problem.message}</Notice>
          <IssueList
            issues={problem.issues}
            title={`${problem.issues.length} issue(s) in the file:`}
            testId="import-issues"
          />
        </div>
      ) : null}
    </form>
  );
}
