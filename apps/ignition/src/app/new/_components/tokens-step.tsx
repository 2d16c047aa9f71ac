'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { formatDate } from '@lumenforge/ui/format';
import { INPUT, Notice } from '@lumenforge/ui/page-parts';
import { useEffect, useState } from 'react';
import { FormField } from '../../_components/form-field';
import type { TTokenVersion } from '../../_lib/ignition-api';
import { ChoiceGroup } from './choice-group';
import { issueAt, type TTheme, type TWizardDraft } from './wizard-draft';

const DEFAULT_SET = 'default';
const THEMES: ReadonlyArray<{ value: TTheme; label: string; hint: string }> = [
  { value: 'system', label: 'Follow the system', hint: 'Light or dark as the visitor’s device prefers' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
];

const versionValue = (tokenSetId: string | null, version: number | null) =>
  tokenSetId && version ? `${tokenSetId}:${version}` : DEFAULT_SET;

/** Step 3: which published SLATE token version the project's Tailwind theme is built from, and its theme. */
export function TokensStep({
  formId,
  tokens,
  issues,
  onChange,
}: {
  formId: string;
  tokens: TWizardDraft['tokens'];
  issues: readonly { path: string; message: string }[];
  onChange: (tokens: TWizardDraft['tokens']) => void;
}) {
  const [versions, setVersions] = useState<TTokenVersion[] | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void sendJson<{ versions: TTokenVersion[] }>('/api/token-versions', { method: 'GET' }).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setVersions(result.data.versions);
      else setProblem(result.problem);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  const selected = versionValue(tokens.tokenSetId, tokens.version);
  return (
    <div className="space-y-6">
      {problem ? (
        <Notice tone="warning">
          The published token versions could not be listed ({problem.message}). The default token set is used
          unless you choose again later.
        </Notice>
      ) : null}
      <FormField
        id={`${formId}-token-version`}
        label="SLATE token version"
        hint="The project’s Tailwind theme is generated from this version; the answers file records it, so updates can follow newer versions."
        error={issueAt(issues, 'tokens.tokenSetId') ?? issueAt(issues, 'tokens.version')}
      >
        {(control) => (
          <select
            {...control}
            value={selected}
            disabled={!versions && !problem}
            onChange={(event) => {
              const value = event.target.value;
              const chosen = versions?.find(
                (version) => versionValue(version.tokenSetId, version.number) === value,
              );
              onChange({
                ...tokens,
                tokenSetId: chosen?.tokenSetId ?? null,
                version: chosen?.number ?? null,
              });
            }}
            className={INPUT}
            data-testid="token-version"
          >
            <option value={DEFAULT_SET}>Default LumenForge token set</option>
            {versions?.map((version) => (
              <option
                key={versionValue(version.tokenSetId, version.number)}
                value={versionValue(version.tokenSetId, version.number)}
              >
                {version.setName} v{version.semver} (#{version.number}, {formatDate(version.publishedAt)})
              </option>
            ))}
            {selected !== DEFAULT_SET &&
            versions &&
            !versions.some((v) => versionValue(v.tokenSetId, v.number) === selected) ? (
              <option value={selected}>Version #{tokens.version} (no longer listed)</option>
            ) : null}
          </select>
        )}
      </FormField>
      <ChoiceGroup
        name={`${formId}-theme`}
        legend="Theme"
        options={THEMES}
        value={tokens.theme}
        onChange={(theme) => onChange({ ...tokens, theme })}
        error={issueAt(issues, 'tokens.theme')}
      />
    </div>
  );
}
