'use client';
import { npmPackageNameProblems, type TDependency, type TParameters } from '@lumenforge/ignition-templates';
import { Badge, BUTTON_SECONDARY, INPUT, Notice } from '@lumenforge/ui/page-parts';
import { useState } from 'react';
import { FormField } from '../../_components/form-field';
import type { TDependencyCheck } from '../../_lib/ignition-api';
import { ParameterFields } from './parameter-fields';
import { issueAt } from './wizard-draft';

/** A dozen well-kept packages most React projects reach for, with the range they start from. */
export const CURATED_DEPENDENCIES: ReadonlyArray<TDependency & { purpose: string }> = [
  { name: '@tanstack/react-query', version: '^5.0.0', purpose: 'Server state, caching and refetching' },
  { name: 'zod', version: '^4.0.0', purpose: 'Schema validation with static types' },
  { name: 'date-fns', version: '^4.0.0', purpose: 'Date arithmetic and formatting' },
  { name: 'clsx', version: '^2.0.0', purpose: 'Conditional class names' },
  { name: 'react-hook-form', version: '^7.0.0', purpose: 'Forms with little re-rendering' },
  { name: 'zustand', version: '^5.0.0', purpose: 'Small client-side state stores' },
  { name: 'swr', version: '^2.0.0', purpose: 'Data fetching with stale-while-revalidate' },
  { name: 'ky', version: '^1.0.0', purpose: 'A small fetch-based HTTP client' },
  { name: 'nanoid', version: '^5.0.0', purpose: 'Short unique ids' },
  { name: 'immer', version: '^10.0.0', purpose: 'Immutable updates written as mutations' },
  { name: '@radix-ui/react-dialog', version: '^1.0.0', purpose: 'Accessible dialogs' },
  { name: 'lucide-react', version: 'latest', purpose: 'Icons as React components' },
];

/** What the server said about one dependency (`GET /api/dependencies/check`). */
export type TDependencyState =
  | { status: 'checking' }
  | { status: 'ok'; check: TDependencyCheck }
  | { status: 'unknown'; message: string }
  | { status: 'unavailable'; message: string };

function DependencyStatus({ state }: { state: TDependencyState | undefined }) {
  if (!state || state.status === 'checking') return <Badge>Checking…</Badge>;
  if (state.status === 'unavailable') return <Badge tone="warning">Not checked</Badge>;
  if (state.status === 'unknown') return <Badge tone="danger">Not found</Badge>;
  const { check } = state;
  return (
    <span className="flex flex-wrap gap-1">
      {check.version ? <Badge tone="success">{check.version}</Badge> : null}
      <Badge tone={check.licenseAllowed ? 'neutral' : 'warning'} title="Licence">
        {check.license ?? 'No licence'}
        {check.licenseAllowed ? '' : ' · review'}
      </Badge>
    </span>
  );
}

/**
 * Step 2: the curated packages as checkboxes, any other npm package by name and version (checked
 * on the registry before it joins the list), then the template's own options.
 */
export function DependenciesStep({
  formId,
  dependencies,
  checks,
  parametersSchema,
  parameters,
  issues,
  onAdd,
  onRemove,
  onParameterChange,
}: {
  formId: string;
  dependencies: readonly TDependency[];
  checks: Readonly<Record<string, TDependencyState>>;
  parametersSchema: TParameters;
  parameters: Record<string, unknown>;
  issues: readonly { path: string; message: string }[];
  /** Checks the package and adds it when it exists (or when the registry cannot be asked); its error otherwise. */
  onAdd: (dependency: TDependency) => Promise<string | null>;
  onRemove: (name: string) => void;
  onParameterChange: (name: string, value: unknown) => void;
}) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('latest');
  const [addError, setAddError] = useState<string | null>(null);
  const [isAdding, setIsAdding] = useState(false);
  const listed = new Set(dependencies.map((dependency) => dependency.name));
  const curatedNames = new Set(CURATED_DEPENDENCIES.map((dependency) => dependency.name));
  const unavailable = Object.values(checks).find((state) => state.status === 'unavailable');

  async function add() {
    const trimmed = name.trim();
    const problems = trimmed ? npmPackageNameProblems(trimmed) : ['enter a package name'];
    if (problems.length > 0) return setAddError(problems[0] ?? null);
    if (listed.has(trimmed)) return setAddError(`${trimmed} is already in the list`);
    setIsAdding(true);
    const error = await onAdd({ name: trimmed, version: version.trim() || 'latest' });
    setIsAdding(false);
    setAddError(error);
    if (!error) {
      setName('');
      setVersion('latest');
    }
  }

  const extra = dependencies.filter((dependency) => !curatedNames.has(dependency.name));
  const listError = issueAt(issues, 'answers.dependencies');

  return (
    <div className="space-y-6">
      {unavailable ? (
        <Notice tone="warning" testId="dependency-check-unavailable">
          {unavailable.message} The packages stay in the list and are checked again when the project is
          created.
        </Notice>
      ) : null}
      <fieldset>
        <legend className="text-sm font-semibold">Popular packages</legend>
        <ul className="mt-2 grid gap-2 sm:grid-cols-2" data-testid="curated-dependencies">
          {CURATED_DEPENDENCIES.map((dependency) => {
            const isChecked = listed.has(dependency.name);
            return (
              <li key={dependency.name} className="min-w-0 rounded-md border border-border px-3 py-2">
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5 size-4 shrink-0"
                    checked={isChecked}
                    onChange={(event) =>
                      event.target.checked ? void onAdd(dependency) : onRemove(dependency.name)
                    }
                  />
                  <span className="min-w-0">
                    <span className="font-mono text-xs font-medium break-all">{dependency.name}</span>
                    <span className="block text-xs text-fg-muted">{dependency.purpose}</span>
                  </span>
                </label>
                {isChecked ? (
                  <div className="mt-1 ml-6">
                    <DependencyStatus state={checks[dependency.name]} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Any npm package</legend>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-start">
          <FormField id={`${formId}-dependency-name`} label="Package name" error={addError}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={name}
                autoComplete="off"
                spellCheck={false}
                placeholder="e.g. @tanstack/react-table"
                onChange={(event) => {
                  setName(event.target.value);
                  setAddError(null);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    void add();
                  }
                }}
                className={`${INPUT} font-mono`}
              />
            )}
          </FormField>
          <FormField id={`${formId}-dependency-version`} label="Version or range">
            {(control) => (
              <input
                {...control}
                type="text"
                value={version}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setVersion(event.target.value)}
                className={`${INPUT} font-mono`}
              />
            )}
          </FormField>
          <button
            type="button"
            className={`${BUTTON_SECONDARY} sm:mt-5`}
            onClick={() => void add()}
            disabled={isAdding}
          >
            {isAdding ? 'Checking…' : 'Add package'}
          </button>
        </div>
        {extra.length > 0 ? (
          <ul
            className="divide-y divide-border rounded-md border border-border"
            data-testid="added-dependencies"
          >
            {extra.map((dependency) => (
              <li
                key={dependency.name}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
                data-testid="added-dependency"
                data-name={dependency.name}
              >
                <span className="min-w-0 font-mono text-xs break-all">
                  {dependency.name}@{dependency.version}
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <DependencyStatus state={checks[dependency.name]} />
                  <button
                    type="button"
                    className={BUTTON_SECONDARY}
                    onClick={() => onRemove(dependency.name)}
                    aria-label={`Remove ${dependency.name}`}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {listError ? (
          <p className="text-xs text-danger-text" data-testid="field-error" data-field="dependencies">
            {listError}
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold">Template options</legend>
        <div className="mt-2">
          <ParameterFields
            formId={formId}
            schema={parametersSchema}
            values={parameters}
            issues={issues}
            onChange={onParameterChange}
          />
        </div>
      </fieldset>
    </div>
  );
}
