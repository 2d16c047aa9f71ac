'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_PRIMARY, INPUT, Notice, Section } from '@lumenforge/ui/page-parts';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { TTemplateCard } from '../../_lib/ignition-api';
import { FormField } from '../../_components/form-field';
import { TEMPLATES_CHANGED_EVENT } from './template-gallery';

type TSaved = { outcome: 'created' | 'unchanged'; template: TTemplateCard };

const PLACEHOLDER = `{
  "manifest": { "id": "my-template", "name": "…", "version": "1.0.0", "parameters": { "type": "object", "properties": {} }, "files": [] },
  "files": [{ "path": "README.md.tmpl", "content": "# {{project.title}}" }]
}`;

/**
 * Administrators add a template or a new version of one: a JSON document `{ manifest, files }`
 * picked as a file or pasted. The server validates it; each issue is listed with its path.
 */
export function TemplateUploadForm() {
  const formId = useId();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [saved, setSaved] = useState<TSaved | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setParseError(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    try {
      JSON.parse(text);
    } catch (error) {
      setParseError(`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setParseError(null);
    setIsPending(true);
    const result = await sendJson<TSaved>('/api/templates', { method: 'POST', rawBody: text });
    setIsPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setSaved(result.data);
    window.dispatchEvent(new Event(TEMPLATES_CHANGED_EVENT));
  }

  return (
    <Section
      id="add-template"
      title="Add or update a template"
      description="A JSON document with the manifest and the files. A new version needs a higher version number; a stored version cannot be rewritten."
    >
      <form
        onSubmit={(event) => void handleSubmit(event)}
        noValidate
        aria-label="Add or update a template"
        className="space-y-4 rounded-lg border border-border bg-surface p-4"
      >
        {saved ? (
          <Notice tone="success" testId="template-saved">
            {saved.outcome === 'created'
              ? `Stored ${saved.template.name} v${saved.template.latestVersion}.`
              : `${saved.template.name} v${saved.template.latestVersion} is already stored with this content.`}
          </Notice>
        ) : null}
        {problem ? (
          <div role="alert" className="space-y-2" data-testid="template-problem">
            <Notice tone="danger">{problem.message}</Notice>
            {problem.issues.length > 0 ? (
              <ul className="space-y-1 text-sm" aria-label="Template issues" data-testid="template-issues">
                {problem.issues.map((issue, index) => (
                  <li key={`${issue.path}-${index}`} className="break-words">
                    <code className="font-mono text-xs text-danger-text">{issue.path}</code>{' '}
                    <span className="text-fg-muted">{issue.message}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <FormField
          id={`${formId}-file`}
          label="Template file (.json)"
          hint={fileName ? `Loaded ${fileName}; you can edit it below.` : 'Or paste the JSON below.'}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept="application/json,.json"
              onChange={(event) => void handleFile(event)}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface-sunken file:px-3 file:py-1.5 file:text-sm"
            />
          )}
        </FormField>
        <FormField id={`${formId}-json`} label="Template JSON" error={parseError}>
          {(control) => (
            <textarea
              {...control}
              rows={10}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={PLACEHOLDER}
              className={`${INPUT} font-mono text-xs`}
              data-testid="template-json"
            />
          )}
        </FormField>
        <button type="submit" className={BUTTON_PRIMARY} disabled={isPending || !text.trim()}>
          {isPending ? 'Checking…' : 'Validate and store'}
        </button>
      </form>
    </Section>
  );
}
