import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_PACKAGES } from '../declaration-packages.mjs';
import {
  checkComponent,
  formatProblem,
  parsedDeclarationFiles,
  type TCheckProblem,
  typeCheckFiles,
  tokenVocabulary,
  warmUpTypeCheck,
} from './index';
import { COUNTER_SOURCE as COUNTER, COUNTER_STORIES, COUNTER_TESTS } from './testing';

// Tests and stories are type-checked with the component, against the real Vitest, Testing Library
// and Storybook declarations installed in the workspace (issue 16: every output is type-checked).

const vocabulary = tokenVocabulary(loadDefaultTokenSet(), '1.4.0');

function problemsOf(files: { tests?: string; stories?: string; source?: string }): TCheckProblem[] {
  const result = checkComponent({ name: 'Counter', source: files.source ?? COUNTER, ...files }, vocabulary);
  return result.ok ? [] : result.problems;
}

// The first check in a process parses ~380 declaration files (3–9 s, more on a loaded machine).
beforeAll(() => {
  warmUpTypeCheck();
}, 120_000);

// Each check takes ~200 ms on an idle core, over a second with the machine's two cores crowded.
describe('checkComponent on tests and stories', { timeout: 60_000 }, () => {
  it('passes a component with a Vitest + Testing Library test and a CSF3 story with a play function', () => {
    expect(problemsOf({ tests: COUNTER_TESTS, stories: COUNTER_STORIES })).toEqual([]);
  });

  it('refuses a story whose args do not fit the component, with file, line and column', () => {
    const stories = COUNTER_STORIES.replace(
      "args: { label: 'Clicks', onChange: fn() }",
      'args: { label: 3 }',
    );
    const [problem, ...rest] = problemsOf({ stories });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ rule: 'type', file: 'Counter.stories.tsx', line: 7, column: 11 });
    expect(formatProblem(problem as TCheckProblem)).toMatch(
      /^Counter\.stories\.tsx:7:11 Type 'number' is not assignable to type 'string'/,
    );
  });

  it('refuses a story that uses what storybook/test does not export', () => {
    const stories = COUNTER_STORIES.replace(
      '{ expect, fn, userEvent, within }',
      '{ expect, fn, userEvent, within, screenz }',
    );
    expect(problemsOf({ stories })).toEqual([
      expect.objectContaining({
        rule: 'type',
        file: 'Counter.stories.tsx',
        line: 2,
        message: expect.stringMatching(/has no exported member named 'screenz'/),
      }),
    ]);
  });

  it('refuses a test that passes a prop the component does not have', () => {
    const tests = COUNTER_TESTS.replace('<Counter label="Clicks"', '<Counter labl="Clicks"');
    const problems = problemsOf({ tests });
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'type',
        file: 'Counter.test.tsx',
        line: 12,
        message: expect.stringMatching(/labl/),
      }),
    ]);
  });

  it('refuses a matcher Vitest does not have without jest-dom (it would throw when the test runs)', () => {
    const tests = COUNTER_TESTS.replace(
      'expect(onChange).toHaveBeenCalledWith(1);',
      "expect(screen.getByRole('button')).toBeInTheDocument();",
    );
    expect(problemsOf({ tests })).toEqual([
      expect.objectContaining({
        rule: 'type',
        file: 'Counter.test.tsx',
        line: 15,
        message: expect.stringMatching(/toBeInTheDocument/),
      }),
    ]);
  });

  it('refuses a test that imports a component file that is not there', () => {
    const tests = COUNTER_TESTS.replace("from './Counter'", "from './Countr'");
    expect(problemsOf({ tests })).toEqual([
      expect.objectContaining({
        file: 'Counter.test.tsx',
        line: 5,
        message: expect.stringMatching(/Cannot find module '\.\/Countr'/),
      }),
    ]);
  });

  it('resolves the component a test imports from the files of this check only', () => {
    // The same test, checked alone: its component is not part of this check, so it is not found.
    const alone = typeCheckFiles({ 'Counter.test.tsx': COUNTER_TESTS }).problems;
    expect(alone.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/Cannot find module '\.\/Counter'/),
    ]);
  });

  it('reports a syntax error in a story alone, before any type', () => {
    const stories = COUNTER_STORIES.replace(
      'const canvas = within(canvasElement);',
      'const canvas = within(canvasElement;',
    );
    const problems = problemsOf({ stories, tests: COUNTER_TESTS.replace('label="Clicks"', 'label={1}') });
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.every((problem) => problem.rule === 'syntax' && problem.file === 'Counter.stories.tsx'),
    ).toBe(true);
  });
});

describe('type-check cost and declarations', { timeout: 60_000 }, () => {
  it('parses the declarations once per process: a warm check of three files reuses them', () => {
    expect(warmUpTypeCheck()).toEqual([]);
    const parsed = parsedDeclarationFiles().length;
    const files = {
      'Counter.tsx': COUNTER,
      'Counter.test.tsx': COUNTER_TESTS,
      'Counter.stories.tsx': COUNTER_STORIES,
    };
    typeCheckFiles(files);
    const afterFirst = parsedDeclarationFiles().length;
    const timings: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      expect(typeCheckFiles(files).problems).toEqual([]);
      timings.push(Math.round(performance.now() - started));
    }
    console.log(`warm type-check of Counter.tsx + .test.tsx + .stories.tsx: ${timings.join(', ')} ms`);
    // The warm-up already read everything these files need: nothing more is parsed for them.
    expect(afterFirst).toBe(parsed);
    expect(parsedDeclarationFiles().length).toBe(parsed);
  });

  it('reads declarations only from the packages a server traces (declaration-packages.mjs), and needs each', () => {
    warmUpTypeCheck();
    typeCheckFiles({
      'Counter.tsx': COUNTER,
      'Counter.test.tsx': COUNTER_TESTS,
      'Counter.stories.tsx': COUNTER_STORIES,
    });
    const packageFolders = parsedDeclarationFiles().map((path) => {
      const inNodeModules = path.slice(path.indexOf('/node_modules/') + '/node_modules/'.length);
      return inNodeModules.startsWith('typescript/lib/lib.')
        ? 'typescript'
        : (DECLARATION_PACKAGES.find((name) => inNodeModules.startsWith(`${name}/`)) ?? inNodeModules);
    });
    const untraced = packageFolders.filter(
      (folder) => folder !== 'typescript' && !DECLARATION_PACKAGES.includes(folder),
    );
    expect(untraced).toEqual([]);
    expect(DECLARATION_PACKAGES.filter((name) => !packageFolders.includes(name))).toEqual([]);
  });
});
