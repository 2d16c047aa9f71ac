'use client';
import {
  WIZARD_ENVIRONMENTS,
  WIZARD_STEP_LABELS,
  WIZARD_STEPS,
  type TDependency,
  type TWizardStep,
} from '@lumenforge/ignition-templates';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT, LINK, Notice } from '@lumenforge/ui/page-parts';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormField } from '../../_components/form-field';
import type { TDependencyCheck, TNameCheck, TTemplateDetail } from '../../_lib/ignition-api';
import { ChoiceGroup } from './choice-group';
import { DependenciesStep, type TDependencyState } from './dependencies-step';
import { GitStep, type TGitCheckState } from './git-step';
import { ProjectPreview } from './project-preview';
import { TokensStep } from './tokens-step';
import {
  clearDraft,
  draftIssues,
  issueAt,
  loadDraft,
  newDraft,
  saveDraft,
  stepIndex,
  toWizardDocument,
  type TEnvironment,
  type TWizardDraft,
  type TWizardIssue,
} from './wizard-draft';

const NAME_CHECK_DEBOUNCE_MS = 400;

const ENVIRONMENTS: ReadonlyArray<{ value: TEnvironment; label: string; hint: string }> = [
  { value: 'dev', label: 'Development', hint: 'Every push deploys; for trying things out' },
  { value: 'staging', label: 'Staging', hint: 'A production-like copy for review' },
  { value: 'production', label: 'Production', hint: 'Live for your users' },
];
// The labels above must cover every environment the wizard schema knows.
const ENVIRONMENT_IDS: readonly TEnvironment[] = WIZARD_ENVIRONMENTS;

type TNameCheckState = { name: string; result: TNameCheck | null; problem: TApiProblem | null };

function Stepper({
  current,
  reached,
  onGo,
}: {
  current: TWizardStep;
  reached: number;
  onGo: (step: TWizardStep) => void;
}) {
  return (
    <ol className="flex gap-1 overflow-x-auto pb-1" aria-label="Steps">
      {WIZARD_STEPS.map((step, index) => {
        const isCurrent = step === current;
        const canGo = index <= reached && !isCurrent;
        const content = (
          <>
            <span
              aria-hidden="true"
              className={`inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                isCurrent
                  ? 'bg-accent text-accent-fg'
                  : index < stepIndex(current) || index <= reached
                    ? 'bg-accent-surface text-accent-text'
                    : 'bg-surface-sunken text-fg-muted'
              }`}
            >
              {index + 1}
            </span>
            <span
              className={
                isCurrent ? 'sr-only font-medium sm:not-sr-only' : 'sr-only text-fg-muted 2xl:not-sr-only'
              }
            >
              {WIZARD_STEP_LABELS[step]}
            </span>
          </>
        );
        return (
          <li
            key={step}
            className="flex min-w-0 shrink-0 items-center"
            data-testid="wizard-step"
            data-step={step}
            aria-current={isCurrent ? 'step' : undefined}
          >
            {canGo ? (
              <button
                type="button"
                onClick={() => onGo(step)}
                className="flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-focus"
              >
                {content}
              </button>
            ) : (
              <span className="flex items-center gap-2 px-2 py-1 text-sm">{content}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The five-step wizard for one template: each step validated before the next (the wizard schema
 * here, then the server's checks: name, packages, Git), the draft kept in this tab across reloads
 * (never the token), and the live preview beside it. Create starts the task and opens its page.
 */
export function ProjectWizard({ template, signInUrl }: { template: TTemplateDetail; signInUrl: string }) {
  const router = useRouter();
  const formId = useId();
  const templateRef = useMemo(
    () => ({ key: template.key, version: template.version, parametersSchema: template.parametersSchema }),
    [template],
  );
  const [draft, setDraft] = useState<TWizardDraft>(() =>
    loadDraft(template.key, newDraft(template.defaults)),
  );
  const [reached, setReached] = useState(() => stepIndex(draft.step));
  const [attempted, setAttempted] = useState<ReadonlySet<TWizardStep>>(new Set());
  const [serverIssues, setServerIssues] = useState<TWizardIssue[]>([]);
  const [nameCheck, setNameCheck] = useState<TNameCheckState | null>(null);
  const [dependencyChecks, setDependencyChecks] = useState<Record<string, TDependencyState>>({});
  const [gitToken, setGitToken] = useState('');
  const [gitCheck, setGitCheck] = useState<TGitCheckState>({ status: 'idle' });
  const [stepProblem, setStepProblem] = useState<string | null>(null);
  const [createProblem, setCreateProblem] = useState<TApiProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  useEffect(() => saveDraft(template.key, draft), [template.key, draft]);

  const document = useMemo(() => toWizardDocument(templateRef, draft), [templateRef, draft]);
  const clientIssues = useMemo(() => draftIssues(templateRef, draft), [templateRef, draft]);
  const step = draft.step;

  const update = useCallback((change: Partial<TWizardDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setServerIssues([]);
    setStepProblem(null);
    setCreateProblem(null);
  }, []);

  // The server's name check, as the name is typed (npm rules and names taken in the workspace).
  const checkName = useCallback(async (name: string): Promise<TNameCheckState> => {
    const result = await sendJson<TNameCheck>(`/api/projects/name-check?name=${encodeURIComponent(name)}`, {
      method: 'GET',
    });
    return result.ok
      ? { name, result: result.data, problem: null }
      : { name, result: null, problem: result.problem };
  }, []);
  const trimmedName = draft.name.trim();
  useEffect(() => {
    if (!trimmedName) return;
    let isCurrent = true;
    const timer = window.setTimeout(() => {
      void checkName(trimmedName).then((state) => {
        if (isCurrent) setNameCheck(state);
      });
    }, NAME_CHECK_DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      window.clearTimeout(timer);
    };
  }, [trimmedName, checkName]);

  const nameCheckMessage = (state: TNameCheckState | null): string | null => {
    if (!state?.result || state.name !== trimmedName) return null;
    if (state.result.problems.length > 0) return state.result.problems.join('; ');
    return state.result.available ? null : `“${state.name}” is already a project in this workspace`;
  };

  const shownIssues = [...serverIssues, ...clientIssues.filter((issue) => attempted.has(issue.step))];
  const nameError = nameCheckMessage(nameCheck) ?? issueAt(shownIssues, 'answers.name') ?? null;

  // Packages: listed at once, checked on the registry; an unknown one leaves the list again.
  async function addDependency({ name, version }: TDependency): Promise<string | null> {
    // Only the two fields the strict schema knows (the curated list also carries a purpose).
    const dependency = { name, version };
    setDraft((current) =>
      current.dependencies.some((listed) => listed.name === dependency.name)
        ? current
        : { ...current, dependencies: [...current.dependencies, dependency] },
    );
    setDependencyChecks((current) => ({ ...current, [dependency.name]: { status: 'checking' } }));
    const query = `name=${encodeURIComponent(dependency.name)}&version=${encodeURIComponent(dependency.version)}`;
    const result = await sendJson<TDependencyCheck>(`/api/dependencies/check?${query}`, { method: 'GET' });
    let state: TDependencyState;
    let error: string | null = null;
    if (result.ok && result.data.exists) state = { status: 'ok', check: result.data };
    else if (result.ok || result.problem.status === 404 || result.problem.status === 400) {
      error =
        (result.ok ? result.data.message : result.problem.message) ??
        `${dependency.name}@${dependency.version} is not on the npm registry`;
      state = { status: 'unknown', message: error };
    } else state = { status: 'unavailable', message: result.problem.message };
    setDependencyChecks((current) => ({ ...current, [dependency.name]: state }));
    if (state.status === 'unknown')
      setDraft((current) => ({
        ...current,
        dependencies: current.dependencies.filter((listed) => listed.name !== dependency.name),
      }));
    return error;
  }

  function removeDependency(name: string) {
    update({ dependencies: draft.dependencies.filter((dependency) => dependency.name !== name) });
  }

  async function runGitCheck(): Promise<boolean> {
    if (draft.git.kind === 'none') return true;
    // The server is only asked about a target that is complete here.
    if (clientIssues.some((issue) => issue.step === 'git')) {
      setAttempted((set) => new Set(set).add('git'));
      setGitCheck({ status: 'refused', message: 'Fill in the fields marked above first.' });
      return false;
    }
    setGitCheck({ status: 'checking' });
    const result = await sendJson<{ ok: true; detail: string }>('/api/git/check', {
      method: 'POST',
      body: { git: document.git, credentials: gitToken ? { gitToken } : {} },
    });
    if (result.ok) {
      setGitCheck({ status: 'ok', detail: result.data.detail });
      return true;
    }
    if (result.problem.issues.length > 0)
      setServerIssues(result.problem.issues.map((issue) => ({ ...issue, step: 'git' as const })));
    setGitCheck({ status: 'refused', message: result.problem.message });
    return false;
  }

  function goTo(next: TWizardStep) {
    setDraft((current) => ({ ...current, step: next }));
    setStepProblem(null);
    setReached((current) => Math.max(current, stepIndex(next)));
    window.requestAnimationFrame(() => headingRef.current?.focus());
  }

  /** The step's own checks; the server's where it has one. True when the step may be left forward. */
  async function validateStep(current: TWizardStep): Promise<boolean> {
    setAttempted((set) => new Set(set).add(current));
    if (clientIssues.some((issue) => issue.step === current)) {
      setStepProblem('Fix the fields marked below to continue.');
      return false;
    }
    if (current === 'project') {
      const state =
        nameCheck?.name === trimmedName && nameCheck.result ? nameCheck : await checkName(trimmedName);
      setNameCheck(state);
      if (state.problem) {
        setStepProblem(`The name could not be checked: ${state.problem.message}`);
        return false;
      }
      if (nameCheckMessage(state)) {
        setStepProblem('Fix the fields marked below to continue.');
        return false;
      }
    }
    if (current === 'dependencies') {
      const states = draft.dependencies.map((dependency) => dependencyChecks[dependency.name]);
      if (states.some((state) => state?.status === 'checking')) {
        setStepProblem('The packages are still being checked on the npm registry; try again in a moment.');
        return false;
      }
    }
    if (current === 'git' && !(await runGitCheck())) {
      setStepProblem('The Git target was refused: see the check below.');
      return false;
    }
    return true;
  }

  async function handleNext() {
    if (isBusy) return;
    setIsBusy(true);
    const isValid = await validateStep(step);
    setIsBusy(false);
    const next = WIZARD_STEPS[stepIndex(step) + 1];
    if (isValid && next) goTo(next);
  }

  async function handleCreate() {
    if (isBusy) return;
    setIsBusy(true);
    for (const each of WIZARD_STEPS) {
      if (each === 'git' && draft.git.kind !== 'none' && gitCheck.status === 'ok') continue;
      if (!(await validateStep(each))) {
        setIsBusy(false);
        if (each !== step) goTo(each);
        return;
      }
    }
    const result = await sendJson<{ taskId: string }>('/api/projects', {
      method: 'POST',
      body: { wizard: document, credentials: gitToken ? { gitToken } : {} },
    });
    if (result.ok) {
      clearDraft(template.key);
      // Stays busy while the task page loads.
      router.push(`/tasks/${result.data.taskId}`);
      return;
    }
    setIsBusy(false);
    setCreateProblem(result.problem);
    const issues: TWizardIssue[] = result.problem.issues.map((issue) => ({
      ...issue,
      step: (issue as TWizardIssue).step ?? 'project',
    }));
    if (result.problem.status === 409 && issues.length === 0)
      issues.push({ path: 'answers.name', message: result.problem.message, step: 'project' });
    setServerIssues(issues);
    const first = issues[0]?.step;
    if (first && first !== step) goTo(first);
  }

  const isLast = stepIndex(step) === WIZARD_STEPS.length - 1;
  const stepErrors = shownIssues.filter((issue) => issue.step === step);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form
        noValidate
        aria-label="New project"
        className="min-w-0 space-y-5 rounded-lg border border-border bg-surface p-4"
        onSubmit={(event) => {
          event.preventDefault();
          void (isLast ? handleCreate() : handleNext());
        }}
        data-testid="project-wizard"
        data-step={step}
      >
        <Stepper current={step} reached={reached} onGo={goTo} />
        <div>
          <p className="text-xs font-medium text-fg-muted">
            Step {stepIndex(step) + 1} of {WIZARD_STEPS.length} · {template.name} v{template.version}
          </p>
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            {WIZARD_STEP_LABELS[step]}
          </h2>
        </div>
        {stepProblem ? (
          <Notice tone="danger" testId="step-problem">
            {stepProblem}
          </Notice>
        ) : null}
        {createProblem && createProblem.issues.length === 0 && createProblem.status !== 409 ? (
          <Notice tone="danger" testId="create-problem">
            {createProblem.message}{' '}
            {createProblem.status === 401 ? (
              <a className={LINK} href={signInUrl}>
                Sign in again
              </a>
            ) : null}
          </Notice>
        ) : null}

        {step === 'project' ? (
          <div className="space-y-4">
            <FormField
              id={`${formId}-name`}
              label="Package name"
              hint="An npm package name: lower case, digits, “-”, “.”, “_”, optionally scoped (@team/shop). Unique in your workspace."
              error={nameError}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={draft.name}
                  autoComplete="off"
                  spellCheck={false}
                  autoCapitalize="off"
                  maxLength={214}
                  placeholder="my-app"
                  onChange={(event) => update({ name: event.target.value })}
                  className={`${INPUT} font-mono`}
                  data-testid="project-name"
                />
              )}
            </FormField>
            <FormField
              id={`${formId}-description`}
              label="Description (optional)"
              error={issueAt(shownIssues, 'answers.description')}
            >
              {(control) => (
                <textarea
                  {...control}
                  rows={3}
                  maxLength={500}
                  value={draft.description}
                  placeholder="What the project is for"
                  onChange={(event) => update({ description: event.target.value })}
                  className={INPUT}
                  data-testid="project-description"
                />
              )}
            </FormField>
          </div>
        ) : null}
        {step === 'dependencies' ? (
          <DependenciesStep
            formId={formId}
            dependencies={draft.dependencies}
            checks={dependencyChecks}
            parametersSchema={template.parametersSchema}
            parameters={draft.parameters}
            issues={stepErrors}
            onAdd={addDependency}
            onRemove={removeDependency}
            onParameterChange={(name, value) =>
              update({ parameters: { ...draft.parameters, [name]: value } })
            }
          />
        ) : null}
        {step === 'tokens' ? (
          <TokensStep
            formId={formId}
            tokens={draft.tokens}
            issues={stepErrors}
            onChange={(tokens) => update({ tokens })}
          />
        ) : null}
        {step === 'git' ? (
          <GitStep
            formId={formId}
            git={draft.git}
            token={gitToken}
            check={gitCheck}
            issues={stepErrors}
            onChange={(git) => {
              update({ git });
              setGitCheck({ status: 'idle' });
            }}
            onTokenChange={(token) => {
              setGitToken(token);
              setGitCheck({ status: 'idle' });
            }}
            onCheck={() => void runGitCheck()}
          />
        ) : null}
        {step === 'deploy' ? (
          <ChoiceGroup
            name={`${formId}-environment`}
            legend="First deployment target"
            options={ENVIRONMENTS.filter((option) => ENVIRONMENT_IDS.includes(option.value))}
            value={draft.environment}
            onChange={(environment) => update({ environment })}
            error={issueAt(stepErrors, 'environment')}
            testId="environment"
          />
        ) : null}

        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border pt-4">
          <button
            type="button"
            className={BUTTON_SECONDARY}
            disabled={stepIndex(step) === 0 || isBusy}
            onClick={() => {
              const previous = WIZARD_STEPS[stepIndex(step) - 1];
              if (previous) goTo(previous);
            }}
          >
            Back
          </button>
          <button type="submit" className={BUTTON_PRIMARY} disabled={isBusy} data-testid="wizard-next">
            {isLast ? (isBusy ? 'Creating…' : 'Create project') : isBusy ? 'Checking…' : 'Next'}
          </button>
        </div>
      </form>
      <div className="min-w-0 xl:sticky xl:top-20 xl:self-start">
        <ProjectPreview document={document} />
      </div>
    </div>
  );
}
