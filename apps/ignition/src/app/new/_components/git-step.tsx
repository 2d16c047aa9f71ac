'use client';
import { BUTTON_SECONDARY, INPUT, Notice } from '@lumenforge/ui/page-parts';
import type { ReactNode } from 'react';
import { FormField } from '../../_components/form-field';
import { ChoiceGroup } from './choice-group';
import { issueAt, type TGitKind, type TWizardDraft } from './wizard-draft';

export type TGitCheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'ok'; detail: string }
  | { status: 'refused'; message: string };

const KINDS: ReadonlyArray<{ value: TGitKind; label: string; hint: string }> = [
  { value: 'none', label: 'No remote', hint: 'Keep it in LumenForge; download it as a zip later' },
  { value: 'remote', label: 'Git remote (HTTPS)', hint: 'Push to an empty repository you created' },
  { value: 'github', label: 'GitHub', hint: 'Create the repository on GitHub or GitHub Enterprise' },
];

function TextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  placeholder,
  type = 'text',
  testId,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'url' | 'password';
  testId?: string;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={value}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          className={`${INPUT} ${type === 'password' ? '' : 'font-mono'}`}
          data-testid={testId}
        />
      )}
    </FormField>
  );
}

/** Step 4: where the first commit goes, the token for it (never stored) and a dry check of both. */
export function GitStep({
  formId,
  git,
  token,
  check,
  issues,
  onChange,
  onTokenChange,
  onCheck,
}: {
  formId: string;
  git: TWizardDraft['git'];
  token: string;
  check: TGitCheckState;
  issues: readonly { path: string; message: string }[];
  onChange: (git: TWizardDraft['git']) => void;
  onTokenChange: (token: string) => void;
  onCheck: () => void;
}) {
  const setRemote = (field: keyof TWizardDraft['git']['remote'], value: string) =>
    onChange({ ...git, remote: { ...git.remote, [field]: value } });
  const setGitHub = <K extends keyof TWizardDraft['git']['github']>(
    field: K,
    value: TWizardDraft['git']['github'][K],
  ) => onChange({ ...git, github: { ...git.github, [field]: value } });
  const tokenHint = 'Used once for this run and never stored: you are asked again if a retry needs it.';

  return (
    <div className="space-y-6">
      <ChoiceGroup
        name={`${formId}-git-kind`}
        legend="Repository"
        options={KINDS}
        value={git.kind}
        onChange={(kind) => onChange({ ...git, kind })}
        testId="git-kind"
      />
      {git.kind === 'remote' ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={`${formId}-git-url`}
            label="Remote URL"
            type="url"
            placeholder="https://git.example.com/team/shop.git"
            value={git.remote.url}
            onChange={(value) => setRemote('url', value)}
            error={issueAt(issues, 'git.url')}
          />
          <TextField
            id={`${formId}-git-branch`}
            label="Branch"
            value={git.remote.branch}
            onChange={(value) => setRemote('branch', value)}
            error={issueAt(issues, 'git.branch')}
          />
          <TextField
            id={`${formId}-git-username`}
            label="Username (optional)"
            value={git.remote.username}
            onChange={(value) => setRemote('username', value)}
            error={issueAt(issues, 'git.username')}
          />
          <TextField
            id={`${formId}-git-token`}
            label="Token or password"
            type="password"
            hint={tokenHint}
            value={token}
            onChange={onTokenChange}
          />
        </div>
      ) : null}
      {git.kind === 'github' ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={`${formId}-github-owner`}
            label="Owner (user or organisation)"
            value={git.github.owner}
            onChange={(value) => setGitHub('owner', value)}
            error={issueAt(issues, 'git.owner')}
          />
          <TextField
            id={`${formId}-github-repository`}
            label="Repository name"
            value={git.github.repository}
            onChange={(value) => setGitHub('repository', value)}
            error={issueAt(issues, 'git.repository')}
          />
          <TextField
            id={`${formId}-github-base-url`}
            label="GitHub Enterprise URL (optional)"
            type="url"
            placeholder="https://github.example.com/api/v3"
            hint="Leave empty for github.com."
            value={git.github.baseUrl}
            onChange={(value) => setGitHub('baseUrl', value)}
            error={issueAt(issues, 'git.baseUrl')}
          />
          <TextField
            id={`${formId}-github-branch`}
            label="Branch"
            value={git.github.branch}
            onChange={(value) => setGitHub('branch', value)}
            error={issueAt(issues, 'git.branch')}
          />
          <TextField
            id={`${formId}-github-token`}
            label="Token"
            type="password"
            hint={`A token that may create repositories. ${tokenHint}`}
            value={token}
            onChange={onTokenChange}
          />
          <label className="flex items-center gap-2 self-center text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={git.github.isPrivate}
              onChange={(event) => setGitHub('isPrivate', event.target.checked)}
            />
            Private repository
          </label>
        </div>
      ) : null}
      {git.kind === 'none' ? (
        <p className="text-sm text-fg-muted">
          The project is registered in LumenForge with its files; you can connect a remote later.
        </p>
      ) : (
        <div className="space-y-3">
          <button
            type="button"
            className={BUTTON_SECONDARY}
            onClick={onCheck}
            disabled={check.status === 'checking'}
            data-testid="git-check"
          >
            {check.status === 'checking' ? 'Checking…' : 'Check'}
          </button>
          {check.status === 'ok' ? (
            <Notice tone="success" testId="git-check-result">
              {check.detail}
            </Notice>
          ) : check.status === 'refused' ? (
            <Notice tone="danger" testId="git-check-result">
              {check.message}
            </Notice>
          ) : null}
        </div>
      )}
    </div>
  );
}
