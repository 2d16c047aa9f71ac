import { describe, expect, it } from 'vitest';
import { initialCreateSteps, taskProgress } from './ignition-task.repository';
import { projectSlug } from './project-registration';

describe('create task steps', () => {
  it('skips the steps a Git target does not need from the start', () => {
    const ids = (kind: 'none' | 'remote' | 'github') =>
      initialCreateSteps(kind).map((step) => `${step.id}:${step.status}`);
    expect(ids('none')).toEqual(['render:pending', 'repository:skipped', 'register:pending', 'push:skipped']);
    expect(ids('remote')).toEqual([
      'render:pending',
      'repository:skipped',
      'register:pending',
      'push:pending',
    ]);
    expect(ids('github')).toEqual([
      'render:pending',
      'repository:pending',
      'register:pending',
      'push:pending',
    ]);
  });

  it('counts succeeded and skipped steps as progress', () => {
    const steps = initialCreateSteps('remote');
    expect(taskProgress(steps)).toBe(0.25);
    const outcome = { render: 'succeeded', register: 'failed' } as const;
    const after = steps.map((step) =>
      step.id === 'render' || step.id === 'register' ? { ...step, status: outcome[step.id] } : step,
    );
    expect(taskProgress(after)).toBe(0.5);
    expect(taskProgress([])).toBe(0);
  });
});

describe('projectSlug', () => {
  it('turns an npm name into the lower-case words of a URL slug', () => {
    expect(projectSlug('@acme/shop-web')).toBe('acme-shop-web');
    expect(projectSlug('my.app_v2')).toBe('my-app-v2');
    expect(projectSlug('x'.repeat(120))).toHaveLength(100);
    expect(projectSlug('@/')).toBe('project');
  });
});
