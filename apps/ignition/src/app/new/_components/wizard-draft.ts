// The wizard's form state (a draft of the wizard document), how it becomes the document the API
// takes, its issues per step, and how it survives a reload (sessionStorage, per template; the Git
// token is never part of it).
import {
  CORE_ANSWER_NAMES,
  validateAnswers,
  WIZARD_STEPS,
  wizardIssues,
  type TDependency,
  type TParameters,
  type TWizard,
  type TWizardStep,
} from '@lumenforge/ignition-templates';
import type { WIZARD_ENVIRONMENTS } from '@lumenforge/ignition-templates';

export type TGitKind = 'none' | 'remote' | 'github';
export type TEnvironment = (typeof WIZARD_ENVIRONMENTS)[number];
export type TTheme = 'light' | 'dark' | 'system';

export type TWizardDraft = {
  step: TWizardStep;
  name: string;
  description: string;
  dependencies: TDependency[];
  /** The template's own parameters, by name. */
  parameters: Record<string, unknown>;
  tokens: { tokenSetId: string | null; version: number | null; theme: TTheme };
  /** Every kind's fields are kept, so switching kinds loses nothing. */
  git: {
    kind: TGitKind;
    remote: { url: string; username: string; branch: string };
    github: { owner: string; repository: string; isPrivate: boolean; baseUrl: string; branch: string };
  };
  environment: TEnvironment;
};

export type TWizardIssue = { path: string; message: string; step: TWizardStep };

/** A fresh draft for a template: its parameters' defaults, no Git remote, the dev environment. */
export function newDraft(defaults: Record<string, unknown>): TWizardDraft {
  const parameters = Object.fromEntries(
    Object.entries(defaults).filter(([key]) => !(CORE_ANSWER_NAMES as readonly string[]).includes(key)),
  );
  return {
    step: 'project',
    name: '',
    description: '',
    dependencies: [],
    parameters,
    tokens: { tokenSetId: null, version: null, theme: 'system' },
    git: {
      kind: 'none',
      remote: { url: '', username: '', branch: 'main' },
      github: { owner: '', repository: '', isPrivate: true, baseUrl: '', branch: 'main' },
    },
    environment: 'dev',
  };
}

/** The wizard document the API takes (`ZWizardSchema`), built from the draft. */
export function toWizardDocument(template: { key: string; version: string }, draft: TWizardDraft): TWizard {
  const { remote, github } = draft.git;
  const git: TWizard['git'] =
    draft.git.kind === 'remote'
      ? {
          kind: 'remote',
          url: remote.url.trim(),
          ...(remote.username.trim() ? { username: remote.username.trim() } : {}),
          branch: remote.branch.trim() || 'main',
        }
      : draft.git.kind === 'github'
        ? {
            kind: 'github',
            owner: github.owner.trim(),
            repository: github.repository.trim(),
            private: github.isPrivate,
            ...(github.baseUrl.trim() ? { baseUrl: github.baseUrl.trim() } : {}),
            branch: github.branch.trim() || 'main',
          }
        : { kind: 'none' };
  return {
    // Only these two: the schema is strict, and callers pass their whole template.
    template: { key: template.key, version: template.version },
    answers: {
      ...draft.parameters,
      name: draft.name.trim(),
      description: draft.description,
      dependencies: draft.dependencies,
    },
    tokens: draft.tokens,
    git,
    environment: draft.environment,
  };
}

/** Every issue of the draft: the document's (`wizardIssues`) and the template's parameters'. */
export function draftIssues(
  template: { key: string; version: string; parametersSchema: TParameters },
  draft: TWizardDraft,
): TWizardIssue[] {
  const document = toWizardDocument(template, draft);
  const issues: TWizardIssue[] = wizardIssues(document);
  const parameters = validateAnswers(template.parametersSchema, document.answers);
  for (const issue of parameters.issues ?? []) {
    // Core answers are already covered by wizardIssues; the rest are the template's parameters.
    const key = issue.path.split('.')[1] ?? '';
    if (!(CORE_ANSWER_NAMES as readonly string[]).includes(key))
      issues.push({ ...issue, step: 'dependencies' });
  }
  return issues;
}

/** The first message for `path` (or a path under it) among `issues`. */
export function issueAt(issues: readonly { path: string; message: string }[], path: string): string | null {
  return issues.find((issue) => issue.path === path || issue.path.startsWith(`${path}.`))?.message ?? null;
}

export const stepIndex = (step: TWizardStep) => WIZARD_STEPS.indexOf(step);

const storageKey = (templateKey: string) => `lumenforge.ignition.wizard.${templateKey}`;

/** The draft kept for this template in this tab, if any and still readable. */
export function loadDraft(templateKey: string, fallback: TWizardDraft): TWizardDraft {
  try {
    const stored = window.sessionStorage.getItem(storageKey(templateKey));
    if (!stored) return fallback;
    const parsed = JSON.parse(stored) as Partial<TWizardDraft>;
    return {
      ...fallback,
      ...parsed,
      parameters: { ...fallback.parameters, ...parsed.parameters },
      tokens: { ...fallback.tokens, ...parsed.tokens },
      git: {
        kind: parsed.git?.kind ?? fallback.git.kind,
        remote: { ...fallback.git.remote, ...parsed.git?.remote },
        github: { ...fallback.git.github, ...parsed.git?.github },
      },
      step: WIZARD_STEPS.includes(parsed.step as TWizardStep) ? (parsed.step as TWizardStep) : 'project',
    };
  } catch {
    return fallback;
  }
}

/** Keeps the draft for a reload (the token is not in it: it lives in component state only). */
export function saveDraft(templateKey: string, draft: TWizardDraft): void {
  try {
    window.sessionStorage.setItem(storageKey(templateKey), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the wizard still works, it just forgets on reload.
  }
}

export function clearDraft(templateKey: string): void {
  try {
    window.sessionStorage.removeItem(storageKey(templateKey));
  } catch {
    // See saveDraft.
  }
}
