import { describe, expect, it } from 'vitest';
import { mergeEdit } from './merge-edit';
import type { TGeneratedFiles } from './types';

const files = (source: string, name = 'Card'): TGeneratedFiles => ({ name, source, tests: 'tests', stories: 'stories' });
const lines = (...text: string[]) => text.join('\n');

describe('mergeEdit', () => {
  const base = files(lines('a', 'b', 'c', 'd', 'e', 'f'));

  it('is the re-generation when the person changed nothing, and the person\'s files when the edit changed nothing', () => {
    const theirs = files(lines('a', 'B', 'c', 'd', 'e', 'f'));
    expect(mergeEdit({ base, ours: base, theirs })).toEqual({ files: theirs, conflicts: [], hasConflicts: false, keptHandChanges: false });
    const ours = files(lines('a', 'b', 'c', 'd', 'E', 'f'));
    expect(mergeEdit({ base, ours, theirs: base }).files).toEqual(ours);
  });

  it('keeps the person\'s change and applies the edit where they touch different lines', () => {
    const ours = files(lines('a', 'b', 'c', 'd', 'e (by hand)', 'f'));
    const theirs = files(lines('a', 'b (edited)', 'b2', 'c', 'd', 'e', 'f'));
    const merged = mergeEdit({ base, ours, theirs });
    expect(merged.files.source).toBe(lines('a', 'b (edited)', 'b2', 'c', 'd', 'e (by hand)', 'f'));
    expect(merged).toMatchObject({ conflicts: [], hasConflicts: false, keptHandChanges: true });
  });

  it('keeps the person\'s version of an overlapping hunk, without markers, and returns the conflict with its lines', () => {
    const ours = files(lines('a', 'b', 'c (by hand)', 'd', 'e', 'f'));
    const theirs = files(lines('a (edited)', 'b', 'c (edited)', 'c2 (edited)', 'd', 'e', 'f'));
    const merged = mergeEdit({ base, ours, theirs });
    expect(merged.files.source).toBe(lines('a (edited)', 'b', 'c (by hand)', 'd', 'e', 'f'));
    expect(merged.files.source).not.toMatch(/<<<<<<<|=======|>>>>>>>/);
    expect(merged.hasConflicts).toBe(true);
    expect(merged.conflicts).toEqual([
      { file: 'source', startLine: 3, endLine: 3, ours: ['c (by hand)'], theirs: ['c (edited)', 'c2 (edited)'], base: ['c'], theirsStartLine: 3 },
    ]);
  });

  it('treats the same change on both sides as no conflict, and reports a deleted hunk as an empty range', () => {
    const same = files(lines('a', 'B', 'c', 'd', 'e', 'f'));
    expect(mergeEdit({ base, ours: same, theirs: same }).conflicts).toEqual([]);
    const ours = files(lines('a', 'b', 'e', 'f'));
    const theirs = files(lines('a', 'b', 'C', 'D', 'e', 'f'));
    const merged = mergeEdit({ base, ours, theirs });
    expect(merged.files.source).toBe(lines('a', 'b', 'e', 'f'));
    expect(merged.conflicts[0]).toMatchObject({ startLine: 3, endLine: 2, ours: [], theirs: ['C', 'D'] });
  });

  it('merges each file on its own and takes a rename unless the person renamed it', () => {
    const ours = { ...base, tests: 'tests by hand' };
    const theirs = { ...files(base.source, 'ProjectCard'), stories: 'stories edited' };
    const merged = mergeEdit({ base, ours, theirs });
    expect(merged.files).toEqual({ name: 'ProjectCard', source: base.source, tests: 'tests by hand', stories: 'stories edited' });
    expect(mergeEdit({ base, ours: { ...ours, name: 'MyCard' }, theirs }).files.name).toBe('MyCard');
  });
});
