import { describe, expect, it } from 'vitest';
import { wizardIssues, ZWizardSchema } from './wizard';

const valid = {
  template: { key: 'next-app', version: '1.0.0' },
  answers: { name: '@acme/shop', description: 'The shop', dependencies: [], e2e: true },
  tokens: { tokenSetId: null, version: null, theme: 'system' },
  git: { kind: 'remote', url: 'https://git.example/acme/shop.git' },
  environment: 'dev',
};

describe('the wizard document', () => {
  it('accepts a complete document and keeps template parameters beside the core answers', () => {
    const parsed = ZWizardSchema.parse(valid);
    expect(parsed.answers['e2e']).toBe(true);
    expect(parsed.git).toEqual({ kind: 'remote', url: 'https://git.example/acme/shop.git', branch: 'main' });
    expect(wizardIssues(valid)).toEqual([]);
  });

  it('puts each issue on the step where it happens', () => {
    const issues = wizardIssues({
      ...valid,
      answers: { name: 'Bad Name', dependencies: [{ name: 'x', version: '' }] },
      git: { kind: 'remote', url: 'https://user:secret@git.example/acme.git' },
      environment: 'moon',
    });
    expect([...new Set(issues.map((issue) => `${issue.step} ${issue.path}`))]).toEqual([
      'project answers.name',
      'dependencies answers.dependencies.0.version',
      'git git.url',
      'deploy environment',
    ]);
    expect(issues.find((issue) => issue.path === 'git.url')?.message).toMatch(/token field/);
  });

  it('refuses plain http remotes and unknown Git kinds', () => {
    expect(
      wizardIssues({ ...valid, git: { kind: 'remote', url: 'http://git.example/a.git' } })[0]?.message,
    ).toMatch(/https/);
    expect(wizardIssues({ ...valid, git: { kind: 'ftp' } })[0]?.step).toBe('git');
  });
});
