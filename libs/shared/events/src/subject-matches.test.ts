import { describe, expect, it } from 'vitest';
import { isValidSubjectPattern, subjectMatches, WISSIL_STREAM_SUBJECTS } from './subject-matches';

describe('subjectMatches', () => {
  it.each([
    // exact
    ['wissil.build.completed', 'wissil.build.completed', true],
    ['wissil.build.completed', 'wissil.build.failed', false],
    ['wissil.build.completed', 'wissil.build', false],
    ['wissil.build', 'wissil.build.completed', false],
    ['wissil.build.completed', 'wissil.build.completed.extra', false],
    // `>`: one or more trailing tokens
    ['wissil.>', 'wissil.build.completed', true],
    ['wissil.>', 'wissil.tokens.updated', true],
    ['wissil.>', 'wissil.x', true],
    ['wissil.>', 'wissil', false],
    ['wissil.>', 'other.build.completed', false],
    ['wissil.build.>', 'wissil.build.completed', true],
    ['wissil.build.>', 'wissil.build', false],
    ['wissil.build.>', 'wissil.deploy.completed', false],
    ['>', 'wissil', true],
    ['>', 'wissil.build.completed', true],
    // `*`: exactly one token
    ['wissil.*.completed', 'wissil.build.completed', true],
    ['wissil.*.completed', 'wissil.deploy.completed', true],
    ['wissil.*.completed', 'wissil.build.failed', false],
    ['wissil.*.completed', 'wissil.completed', false],
    ['wissil.*.completed', 'wissil.a.b.completed', false],
    ['wissil.*', 'wissil.build', true],
    ['wissil.*', 'wissil.build.completed', false],
    ['wissil.*', 'wissil', false],
    ['*.*.*', 'wissil.build.completed', true],
    ['wissil.*.>', 'wissil.build.completed', true],
    ['wissil.*.>', 'wissil.build', false],
    // no prefix or partial-token matching
    ['wissil.build*', 'wissil.buildx', false],
    ['wissil.build*', 'wissil.build*', false],
    ['wissil', 'wissil.build', false],
    ['wis', 'wissil', false],
    // invalid patterns and subjects match nothing
    ['wissil.>.completed', 'wissil.build.completed', false],
    ['wissil..completed', 'wissil..completed', false],
    ['', '', false],
    ['wissil.>', 'wissil.', false],
    ['wissil.>', 'wissil..build', false],
    ['wissil.*', 'wissil. ', false],
  ] as const)('%s vs %s → %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });

  it('the stream subjects cover every wissil subject and nothing else', () => {
    expect(WISSIL_STREAM_SUBJECTS).toEqual(['wissil.>']);
    const [streamSubject] = WISSIL_STREAM_SUBJECTS;
    expect(subjectMatches(streamSubject, 'wissil.system.alert')).toBe(true);
    expect(subjectMatches(streamSubject, 'audit.system.alert')).toBe(false);
  });
});

describe('isValidSubjectPattern', () => {
  it.each([
    ['wissil.>', true],
    ['wissil.*.completed', true],
    ['>', true],
    ['*', true],
    ['wissil.build.completed', true],
    ['', false],
    ['wissil.', false],
    ['.wissil', false],
    ['wissil.>.x', false],
    ['wissil.b*', false],
    ['wissil.>x', false],
    ['wissil build', false],
  ] as const)('%s → %s', (pattern, expected) => {
    expect(isValidSubjectPattern(pattern)).toBe(expected);
  });
});
