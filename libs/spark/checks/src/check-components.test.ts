import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkComponent,
  checkComponents,
  tokenVocabulary,
  typeCheckFileSets,
  warmUpTypeCheck,
} from './index';
import { COUNTER_SOURCE, COUNTER_STORIES, COUNTER_TESTS } from './testing';

const vocabulary = tokenVocabulary(loadDefaultTokenSet(), '2.0.0');
const counter = { name: 'Counter', source: COUNTER_SOURCE, tests: COUNTER_TESTS, stories: COUNTER_STORIES };

/** Counter whose label is a number: its own test and story (which pass strings) are refused. */
const numberLabel = { ...counter, source: COUNTER_SOURCE.replace('label: string', 'label: number') };
/** Counter with a hard-coded colour and a missing export: non-type problems too. */
const offTokens = {
  ...counter,
  source: COUNTER_SOURCE.replace('bg-accent', 'bg-[#ff0000]'),
};
const unparsable = { ...counter, tests: `${COUNTER_TESTS}\nit('x', () => {` };

beforeAll(() => {
  expect(warmUpTypeCheck()).toEqual([]);
}, 120_000);

describe('checkComponents', () => {
  it('gives each variation exactly what checkComponent gives it alone, a broken one among good ones included', () => {
    const variations = [counter, numberLabel, offTokens, unparsable, { ...counter, name: 'counter' }];
    const batched = checkComponents(variations, vocabulary);
    const alone = variations.map((variation) => checkComponent(variation, vocabulary));
    expect(batched).toEqual(alone);
    expect(batched[0]).toEqual({ ok: true, tokenVersion: '2.0.0' });
    // The broken ones really are broken, with the file names the person sees.
    expect(batched[1]).toMatchObject({
      ok: false,
      problems: [
        { rule: 'type', file: 'Counter.test.tsx', line: 12 },
        { rule: 'type', file: 'Counter.test.tsx', line: 19 },
        { rule: 'type', file: 'Counter.stories.tsx', line: 7 },
      ],
    });
    expect(batched[2]).toMatchObject({
      ok: false,
      problems: [{ rule: 'arbitrary-value', file: 'Counter.tsx' }],
    });
    expect(batched[3]).toMatchObject({ ok: false, problems: [{ rule: 'syntax', file: 'Counter.test.tsx' }] });
    expect(batched[4]).toMatchObject({ ok: false, problems: [{ rule: 'export' }] });
  }, 120_000);

  it('checks same-named variations each against its own component, not another one', () => {
    // Only the second variation's Counter has `step`; its test and story use it.
    const withStep = {
      ...counter,
      source: COUNTER_SOURCE.replace('initial?: number;', 'initial?: number; step: number;'),
      tests: COUNTER_TESTS.replaceAll('<Counter label="Clicks"', '<Counter step={2} label="Clicks"'),
      stories: COUNTER_STORIES.replace("args: { label: 'Clicks',", "args: { label: 'Clicks', step: 2,"),
    };
    const usesStepWithout = { ...counter, tests: withStep.tests };
    const [first, second, third] = checkComponents([counter, withStep, usesStepWithout], vocabulary);
    expect(first).toEqual({ ok: true, tokenVersion: '2.0.0' });
    expect(second).toEqual({ ok: true, tokenVersion: '2.0.0' });
    expect(third).toMatchObject({
      ok: false,
      problems: [{ file: 'Counter.test.tsx', line: 12 }, { line: 19 }],
    });
    expect(third).toEqual(checkComponent(usesStepWithout, vocabulary));
  }, 120_000);

  it('type-checks sets with the same imports in one program, and a set that could change the others alone', () => {
    const files = { 'Counter.tsx': COUNTER_SOURCE, 'Counter.test.tsx': COUNTER_TESTS };
    const augmenting = {
      'Counter.tsx': `${COUNTER_SOURCE}\ndeclare global {\n  interface Window { counted: number }\n}\n`,
      'Counter.test.tsx': COUNTER_TESTS,
    };
    const [a, b, c, d] = typeCheckFileSets([files, files, augmenting, files]);
    expect(a?.program).toBe(b?.program);
    expect(d?.program).toBe(a?.program);
    expect(c?.program).not.toBe(a?.program);
    // One program holds each set's files in a folder of its own.
    const ours = a?.program.getRootFileNames() ?? [];
    expect(ours).toHaveLength(6);
    expect(new Set(ours.map((name) => name.split('/').at(-2))).size).toBe(3);
  }, 120_000);

  it('keeps a package one variation imports from changing another: jest-dom matchers only where imported', () => {
    const matcherTest = (withJestDom: boolean) =>
      COUNTER_TESTS.replace(
        "import { afterEach, describe, expect, it, vi } from 'vitest';",
        `import { afterEach, describe, expect, it, vi } from 'vitest';${withJestDom ? "\nimport '@testing-library/jest-dom/vitest';" : ''}`,
      ).replace(
        "expect(screen.getByRole('button').textContent).toBe('Clicks: 5');",
        "expect(screen.getByRole('button')).toBeInTheDocument();",
      );
    const withJestDom = { ...counter, tests: matcherTest(true) };
    const without = { ...counter, tests: matcherTest(false) };
    const batched = checkComponents([withJestDom, without], vocabulary);
    expect(batched[0]).toEqual({ ok: true, tokenVersion: '2.0.0' });
    expect(batched[1]).toMatchObject({
      ok: false,
      problems: [{ rule: 'type', message: expect.stringContaining('toBeInTheDocument') }],
    });
    expect(batched[1]).toEqual(checkComponent(without, vocabulary));
  }, 120_000);
});
