import { describe, expect, it } from 'vitest';
import { applyFilePatch, parseUnifiedDiff } from './unified-diff';

const FILE = [
  'import { useState } from "react";',
  '',
  'export function A() {',
  '  const [on, setOn] = useState(false);',
  '  return <button onClick={() => setOn(!on)}>{String(on)}</button>;',
  '}',
  '',
].join('\n');

function patchOf(diff: string) {
  const [patch] = parseUnifiedDiff(diff);
  if (!patch) throw new Error('no patch');
  return patch;
}

describe('parseUnifiedDiff + applyFilePatch', () => {
  it('applies a hunk whose line numbers are wrong where its old lines are', () => {
    const patch = patchOf(
      [
        '--- a/src/A.tsx',
        '+++ b/src/A.tsx',
        '@@ -30,3 +30,3 @@',
        ' export function A() {',
        '-  const [on, setOn] = useState(false);',
        '+  const [on, setOn] = useState(true);',
        '   return <button onClick={() => setOn(!on)}>{String(on)}</button>;',
      ].join('\n'),
    );
    expect(patch.fileName).toBe('A.tsx');
    expect(applyFilePatch(FILE, patch)).toEqual({
      ok: true,
      text: FILE.replace('useState(false)', 'useState(true)'),
    });
  });

  it('matches context lines whose indentation the model changed, and empty context lines without their space', () => {
    const patch = patchOf(
      [
        '--- a/A.tsx',
        '+++ b/A.tsx',
        '@@ -1,3 +1,4 @@',
        ' import { useState } from "react";',
        '',
        '+// added',
        ' export function A() {',
      ].join('\n'),
    );
    const result = applyFilePatch(FILE, patch);
    expect(result).toEqual({
      ok: true,
      text: FILE.replace('\nexport function A', '\n// added\nexport function A'),
    });
  });

  it('refuses a hunk whose old lines are not in the file, naming it', () => {
    const patch = patchOf(
      [
        '--- a/A.tsx',
        '+++ b/A.tsx',
        '@@ -1 +1 @@',
        '-import { useReducer } from "react";',
        '+import { useState } from "react";',
      ].join('\n'),
    );
    expect(applyFilePatch(FILE, patch)).toEqual({
      ok: false,
      reason: 'hunk 1 of A.tsx does not match the file (its old lines are not there)',
    });
  });

  it('splits a diff of several files', () => {
    const patches = parseUnifiedDiff(
      [
        '--- a/A.tsx',
        '+++ b/A.tsx',
        '@@ -1 +1 @@',
        '-x',
        '+y',
        '--- a/A.test.tsx',
        '+++ b/A.test.tsx',
        '@@ -2 +2,2 @@',
        ' z',
        '+w',
      ].join('\n'),
    );
    expect(patches.map((patch) => patch.fileName)).toEqual(['A.tsx', 'A.test.tsx']);
    expect(applyFilePatch('a\nz\n', patches[1] ?? { fileName: '', hunks: [] })).toEqual({
      ok: true,
      text: 'a\nz\nw\n',
    });
  });
});
