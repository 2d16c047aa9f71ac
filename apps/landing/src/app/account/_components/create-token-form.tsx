'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  DEFAULT_TOKEN_EXPIRY_DAYS,
  TOKEN_EXPIRY_DAYS,
  type TCreatedApiToken,
} from '../../../lib/api-token-options';
import { fieldIssue, sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { formatDate } from '@lumenforge/ui/format';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT, LABEL, LINK, Notice } from '@lumenforge/ui/page-parts';

export type TScopeOption = { value: string; label: string };

export type CreateTokenFormProps = {
  /** The permissions of the user's role: a token can have no more. */
  scopeOptions: readonly TScopeOption[];
};

type TCreated = TCreatedApiToken & { name: string };

/**
 * The "New API token" form: name, scopes (limited to the role's permissions), expiry. The created
 * token is shown once, in a read-only field with a copy button; it lives only in this component's
 * state and is dropped with "Done".
 */
export function CreateTokenForm({ scopeOptions }: CreateTokenFormProps) {
  const router = useRouter();
  const formId = useId();
  const tokenFieldRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<string>>(() => new Set());
  const [expiresInDays, setExpiresInDays] = useState<number>(DEFAULT_TOKEN_EXPIRY_DAYS);
  const [isPending, setIsPending] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [created, setCreated] = useState<TCreated | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const nameError = fieldIssue(problem, 'name');
  const scopesError = fieldIssue(problem, 'scopes');
  const expiryError = fieldIssue(problem, 'expiresInDays');
  const hasFieldErrors = Boolean(nameError || scopesError || expiryError);

  function toggleScope(scope: string, isChecked: boolean) {
    setScopes((current) => {
      const next = new Set(current);
      if (isChecked) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setCopyState('idle');
    if (scopes.size === 0) {
      setProblem({
        status: 400,
        error: 'invalid_request',
        message: 'Choose at least one scope.',
        issues: [{ path: 'scopes', message: 'Choose at least one scope' }],
      });
      return;
    }
    setIsPending(true);
    const body = {
      name: name.trim(),
      // In the order the form lists them, so the stored scopes read the same way.
      scopes: scopeOptions.map((option) => option.value).filter((value) => scopes.has(value)),
      expiresInDays,
    };
    const result = await sendJson<TCreatedApiToken>('/api/account/tokens', { method: 'POST', body });
    setIsPending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setCreated({ ...result.data, name: body.name });
    setName('');
    setScopes(new Set());
    setExpiresInDays(DEFAULT_TOKEN_EXPIRY_DAYS);
    router.refresh();
    requestAnimationFrame(() => tokenFieldRef.current?.focus());
  }

  async function handleCopy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopyState('copied');
    } catch {
      // No clipboard permission (or not a secure context): leave the text selected for Ctrl+C.
      tokenFieldRef.current?.select();
      setCopyState('failed');
    }
  }

  return (
    <div className="space-y-4">
      {created ? (
        <div
          className="rounded-lg border border-warning-500/40 bg-warning-surface p-4"
          data-testid="new-token"
          role="region"
          aria-label="Your new API token"
        >
          <p className="text-sm font-semibold text-warning-text">
            Copy “{created.name}” now: it will not be shown again.
          </p>
          <p className="mt-1 text-sm text-warning-text">
            Store it in a secret manager. It expires on {formatDate(created.expiresAt)}; revoke it below if it
            leaks.
          </p>
          <label htmlFor={`${formId}-new-token`} className={`${LABEL} mt-3`}>
            New API token
          </label>
          <div className="mt-1 flex gap-2">
            <input
              ref={tokenFieldRef}
              id={`${formId}-new-token`}
              type="text"
              readOnly
              value={created.token}
              onFocus={(event) => event.currentTarget.select()}
              className={`${INPUT} font-mono`}
              spellCheck={false}
              autoComplete="off"
              data-testid="new-token-value"
            />
            <button
              type="button"
              className={BUTTON_SECONDARY}
              onClick={() => void handleCopy()}
              data-testid="copy-token"
            >
              {copyState === 'copied' ? 'Copied' : 'Copy'}
            </button>
            <button
              type="button"
              className={BUTTON_SECONDARY}
              onClick={() => setCreated(null)}
              data-testid="dismiss-new-token"
            >
              Done
            </button>
          </div>
          <p aria-live="polite" className="mt-1 min-h-4 text-xs text-warning-text">
            {copyState === 'copied'
              ? 'Copied to the clipboard.'
              : copyState === 'failed'
                ? 'Copying is not allowed here: the token is selected, press Ctrl+C (⌘C).'
                : ''}
          </p>
        </div>
      ) : null}

      <form
        onSubmit={(event) => void handleSubmit(event)}
        noValidate
        aria-labelledby={`${formId}-title`}
        className="rounded-lg border border-border bg-surface p-4"
        data-testid="create-token-form"
      >
        <h3 id={`${formId}-title`} className="text-sm font-semibold">
          New API token
        </h3>
        <p className="mt-0.5 text-sm text-fg-muted">
          For scripts and CI: send it as <code className="font-mono text-xs">Authorization: Bearer lf_…</code>
          . A token can do only what its scopes allow, and never more than your role.
        </p>

        {problem && !hasFieldErrors ? (
          <Notice tone="danger" className="mt-3" testId="create-token-error">
            {problem.message}
          </Notice>
        ) : null}

        <div className="mt-4 grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <div>
            <label htmlFor={`${formId}-name`} className={LABEL}>
              Name
            </label>
            <input
              id={`${formId}-name`}
              name="name"
              type="text"
              required
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="e.g. CI deploys"
              className={`${INPUT} mt-1`}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${formId}-name-error` : undefined}
              data-testid="token-name"
            />
            {nameError ? (
              <p id={`${formId}-name-error`} className="mt-1 text-xs text-danger-text">
                {nameError}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={`${formId}-expiry`} className={LABEL}>
              Expires after
            </label>
            <select
              id={`${formId}-expiry`}
              name="expiresInDays"
              value={expiresInDays}
              onChange={(event) => setExpiresInDays(Number(event.target.value))}
              className={`${INPUT} mt-1`}
              aria-invalid={expiryError ? true : undefined}
              aria-describedby={expiryError ? `${formId}-expiry-error` : undefined}
              data-testid="token-expiry"
            >
              {TOKEN_EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {days} days
                </option>
              ))}
            </select>
            {expiryError ? (
              <p id={`${formId}-expiry-error`} className="mt-1 text-xs text-danger-text">
                {expiryError}
              </p>
            ) : null}
          </div>
        </div>

        <fieldset className="mt-4" aria-describedby={scopesError ? `${formId}-scopes-error` : undefined}>
          {/* A floated legend stays the fieldset's first child (its accessible name) beside the buttons. */}
          <legend className={`${LABEL} float-left`}>Scopes</legend>
          <div className="flex justify-end">
            <div className="flex gap-3 text-xs">
              <button
                type="button"
                className={LINK}
                onClick={() => setScopes(new Set(scopeOptions.map((option) => option.value)))}
              >
                Select all
              </button>
              <button type="button" className={LINK} onClick={() => setScopes(new Set())}>
                Clear
              </button>
            </div>
          </div>
          <ul className="clear-both mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
            {scopeOptions.map((option) => (
              <li key={option.value}>
                <label className="flex cursor-pointer items-start gap-2 rounded-md px-1 py-0.5 text-sm hover:bg-surface-sunken">
                  <input
                    type="checkbox"
                    name="scopes"
                    value={option.value}
                    checked={scopes.has(option.value)}
                    onChange={(event) => toggleScope(option.value, event.target.checked)}
                    className="mt-0.5 size-4 accent-accent-600"
                    data-testid={`token-scope-${option.value}`}
                  />
                  <span className="min-w-0">
                    <span className="block">{option.label}</span>
                    <code className="block font-mono text-xs text-fg-subtle">{option.value}</code>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {scopesError ? (
            <p id={`${formId}-scopes-error`} className="mt-1 text-xs text-danger-text">
              {scopesError}
            </p>
          ) : null}
        </fieldset>

        <div className="mt-4 flex items-center gap-3">
          <button
            type="submit"
            className={BUTTON_PRIMARY}
            disabled={isPending}
            data-testid="create-token-submit"
          >
            {isPending ? 'Creating…' : 'Create token'}
          </button>
          <span className="text-xs text-fg-subtle">
            {scopes.size} of {scopeOptions.length} scopes selected
          </span>
        </div>
      </form>
    </div>
  );
}
