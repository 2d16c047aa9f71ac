import { formatProblem, typeCheckFiles } from '@lumenforge/spark-checks';
import { describe, expect, it } from 'vitest';
import { harnessFiles } from './story-harness';

const files = harnessFiles([{ folder: 'component-0', name: 'Counter' }], '@theme {}\n', {
  system: 'spark',
  theme: 'dark',
});

describe('the story harness', () => {
  // The first type-check in a process parses the declarations: seconds, more on a crowded machine.
  it(
    'has a browser runtime that type-checks (strict) against React and storybook/test',
    { timeout: 120_000 },
    () => {
      const runtime = files['harness-runtime.tsx'] ?? '';
      expect(typeCheckFiles({ 'harness-runtime.tsx': runtime }).problems.map(formatProblem)).toEqual([]);
    },
  );

  it('loads each component’s stories lazily, lets Tailwind scan its folder, and sets system and theme', () => {
    expect(files['main.tsx']).toContain("() => import('./component-0/Counter.stories.tsx')");
    expect(files['harness.css']).toContain("@source './component-0/*.tsx';");
    expect(files['harness.css']).toContain("@import './theme.css';");
    expect(files['index.html']).toContain('<html lang="en" data-system="spark" data-theme="dark">');
  });
});
