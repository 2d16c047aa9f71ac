import { describe, expect, it } from 'vitest';
import { firstBundleError, firstTestError, firstTypeScriptError } from './first-error';

describe('firstTypeScriptError', () => {
  it('takes the first error with file, line, column and code', () => {
    const output = [
      "src/App.tsx(14,14): error TS2322: Type 'string' is not assignable to type 'number'.",
      "src/main.tsx(2,1): error TS2304: Cannot find name 'x'.",
    ].join('\n');
    expect(firstTypeScriptError(output)).toEqual({
      stage: 'typecheck',
      message: "src/App.tsx(14,14): Type 'string' is not assignable to type 'number'.",
      file: 'src/App.tsx',
      line: 14,
      column: 14,
      code: 'TS2322',
      limitHit: null,
    });
  });

  it('returns null when there is no error', () => {
    expect(firstTypeScriptError('')).toBeNull();
  });
});

describe('firstTestError', () => {
  it('takes the failing test, its assertion and the frame in the project', () => {
    const output = [
      ' FAIL  src/components/Counter.test.tsx > Counter > shows its label',
      "AssertionError: expected '<button>Clicks: 3</button>' to contain 'Clicks: 4'",
      ' ❯ src/components/Counter.test.tsx:7:62',
      '      5|   it(...)',
    ].join('\n');
    expect(firstTestError(output)).toMatchObject({
      stage: 'tests',
      file: 'src/components/Counter.test.tsx',
      line: 7,
      column: 62,
    });
    expect(firstTestError(output)?.message).toMatch(/Counter > shows its label: AssertionError: expected/);
  });

  it('returns null for a passing run', () => {
    expect(firstTestError(' ✓ src/a.test.ts (1 test)\n Tests  1 passed (1)')).toBeNull();
  });
});

describe('firstBundleError', () => {
  it('finds the file and line of a resolve error, relative to the work dir', () => {
    const output = [
      'error during build:',
      '[vite]: Rolldown failed to resolve import "./missing" from "/w/build-1/src/App.tsx".',
      'file: /w/build-1/src/App.tsx:3:20',
    ].join('\n');
    expect(firstBundleError(output, '/w/build-1')).toMatchObject({
      stage: 'bundle',
      file: 'src/App.tsx',
      line: 3,
      column: 20,
    });
  });
});
