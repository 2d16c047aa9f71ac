import type { TParameters } from '@lumenforge/ignition-templates';
import { describe, expect, it } from 'vitest';
import { draftIssues, newDraft, toWizardDocument, type TWizardDraft } from './wizard-draft';

const PARAMETERS: TParameters = {
  type: 'object',
  properties: {
    e2e: { type: 'boolean', default: true },
    theme: { type: 'string', enum: ['system', 'light', 'dark'], default: 'system' },
  },
  additionalProperties: false,
};
const TEMPLATE = { key: 'next-app', version: '1.0.0', parametersSchema: PARAMETERS };
const DEFAULTS = {
  name: 'example-app',
  description: 'An example project',
  dependencies: [],
  e2e: true,
  theme: 'system',
};

const draftWith = (change: Partial<TWizardDraft>): TWizardDraft => ({ ...newDraft(DEFAULTS), ...change });
const stepsOf = (draft: TWizardDraft) =>
  draftIssues(TEMPLATE, draft).map((issue) => `${issue.step}:${issue.path}`);

describe('wizard draft', () => {
  it('starts empty with the template’s parameter defaults (not its sample name), no remote, dev', () => {
    const draft = newDraft(DEFAULTS);
    expect(draft).toMatchObject({ name: '', description: '', parameters: { e2e: true, theme: 'system' } });
    expect(draft.parameters).not.toHaveProperty('name');
    expect(toWizardDocument(TEMPLATE, draft)).toMatchObject({ git: { kind: 'none' }, environment: 'dev' });
  });

  it('builds the Git target of the chosen kind only, trimmed, without empty optional fields', () => {
    const base = newDraft(DEFAULTS);
    const remote = toWizardDocument(TEMPLATE, {
      ...base,
      git: {
        ...base.git,
        kind: 'remote',
        remote: { url: ' https://git.example.com/a.git ', username: '', branch: '' },
      },
    });
    expect(remote.git).toEqual({ kind: 'remote', url: 'https://git.example.com/a.git', branch: 'main' });
    const github = toWizardDocument(TEMPLATE, {
      ...base,
      git: {
        ...base.git,
        kind: 'github',
        github: { owner: 'acme', repository: 'shop', isPrivate: false, baseUrl: '', branch: 'trunk' },
      },
    });
    expect(github.git).toEqual({
      kind: 'github',
      owner: 'acme',
      repository: 'shop',
      private: false,
      branch: 'trunk',
    });
  });

  it('places each issue on its step: name on project, parameters on dependencies, URL on git', () => {
    expect(stepsOf(draftWith({ name: 'shop' }))).toEqual([]);
    expect(stepsOf(draftWith({ name: 'Not Valid' }))).toContain('project:answers.name');
    expect(stepsOf(draftWith({ name: 'shop', parameters: { e2e: 'yes', theme: 'system' } }))).toEqual([
      'dependencies:answers.e2e',
    ]);
    const base = newDraft(DEFAULTS);
    const issues = stepsOf({
      ...base,
      name: 'shop',
      git: {
        ...base.git,
        kind: 'remote',
        remote: { url: 'http://insecure.example.com/a.git', username: '', branch: 'main' },
      },
    });
    expect(issues).toEqual(['git:git.url']);
  });
});
