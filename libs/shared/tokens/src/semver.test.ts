import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpSemver, compareSemver, formatSemver, parseSemver } from './semver';

describe('semver', () => {
  it('parses and formats versions', () => {
    expect(parseSemver('1.2.3-beta.1+build.5')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: ['beta', '1'],
      build: ['build', '5'],
    });
    expect(parseSemver('v0.1.0')).toMatchObject({ major: 0, minor: 1, patch: 0, prerelease: [] });
    for (const bad of ['1.2', '01.2.3', '1.2.3-', '1.2.3-01', 'x.y.z', ''])
      expect(parseSemver(bad)).toBeNull();
    expect(formatSemver({ major: 2, minor: 0, patch: 1, prerelease: ['rc', '1'], build: ['x'] })).toBe(
      '2.0.1-rc.1+x',
    );
  });

  it('bumps', () => {
    expect(bumpSemver(null, 'none')).toBe('1.0.0');
    expect(bumpSemver(null, 'major')).toBe('1.0.0');
    expect(bumpSemver('1.2.3', 'major')).toBe('2.0.0');
    expect(bumpSemver('1.2.3', 'minor')).toBe('1.3.0');
    expect(bumpSemver('1.2.3', 'patch')).toBe('1.2.4');
    expect(bumpSemver('1.2.3+meta', 'none')).toBe('1.2.3+meta');
    expect(bumpSemver('2.0.0-rc.1', 'major')).toBe('2.0.0');
    expect(bumpSemver('1.3.0-rc.1', 'minor')).toBe('1.3.0');
    expect(bumpSemver('1.3.0-rc.1', 'major')).toBe('2.0.0');
    expect(bumpSemver('1.2.4-rc.1', 'patch')).toBe('1.2.4');
    expect(() => bumpSemver('nope', 'patch')).toThrow(RangeError);
  });

  it('compares by semver precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length - 1; i += 1) {
      expect(compareSemver(ordered[i] ?? '', ordered[i + 1] ?? '')).toBe(-1);
      expect(compareSemver(ordered[i + 1] ?? '', ordered[i] ?? '')).toBe(1);
    }
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
  });

  it('always moves forward (property)', () => {
    const version = fc
      .tuple(fc.nat(50), fc.nat(50), fc.nat(50))
      .map(([major, minor, patch]) => `${major}.${minor}.${patch}`);
    fc.assert(
      fc.property(
        version,
        fc.constantFrom('major', 'minor', 'patch') as fc.Arbitrary<'major' | 'minor' | 'patch'>,
        (v, bump) => {
          expect(compareSemver(bumpSemver(v, bump), v)).toBe(1);
        },
      ),
    );
  });
});
