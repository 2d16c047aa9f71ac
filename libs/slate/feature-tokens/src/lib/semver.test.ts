import { describe, expect, it } from 'vitest';
import { semverProblem } from './semver';

describe('semverProblem (publish form)', () => {
  it('accepts the proposed version and anything higher', () => {
    expect(semverProblem('2.0.0', '2.0.0')).toBeNull();
    expect(semverProblem('2.1.0', '2.0.0')).toBeNull();
    expect(semverProblem(' 3.0.0 ', '2.0.0')).toBeNull();
  });
  it('compares numerically, not as text', () => {
    expect(semverProblem('1.10.0', '1.9.9')).toBeNull();
    expect(semverProblem('2.0.0', '10.0.0')).toMatch(/at least 10\.0\.0/);
  });
  it('refuses a lower version: a breaking change cannot go out as a minor', () => {
    expect(semverProblem('1.9.0', '2.0.0')).toBe('The changes need at least 2.0.0. Use 2.0.0 or higher.');
    expect(semverProblem('1.2.3', '1.2.4')).toMatch(/at least 1\.2\.4/);
  });
  it.each(['v2', 'v1.2.3', '1.2', '01.2.3', '2.0.0-beta', '2.0.0+build.1', '', 'a.b.c'])(
    'refuses %j: not a plain MAJOR.MINOR.PATCH',
    (text) => expect(semverProblem(text, '1.0.0')).toMatch(/MAJOR\.MINOR\.PATCH/),
  );
});
