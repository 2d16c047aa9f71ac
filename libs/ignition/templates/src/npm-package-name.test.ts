import { describe, expect, it } from 'vitest';
import { isValidNpmPackageName, npmPackageNameProblems, splitPackageName } from './npm-package-name';

describe('npm package name rules', () => {
  it.each(['web', 'my-app', 'a.b_c-d', '@acme/web-app', '@a/b', 'x'.repeat(214), 'react-dom2'])(
    'accepts %s',
    (name) => {
      expect(npmPackageNameProblems(name)).toEqual([]);
    },
  );

  it.each([
    ['', 'the name must not be empty'],
    ['My-App', 'the name must be lower case'],
    ['.hidden', 'the name must not start with a period'],
    ['_private', 'the name must not start with an underscore'],
    [' web', 'the name must not start or end with spaces'],
    ['x'.repeat(215), 'the name must be at most 214 characters (it has 215)'],
    ['hello!', `the name must not contain any of ~'!()*`],
    ['a b', 'the name may only contain URL-safe characters (letters, digits, - . _ and one @scope/)'],
    ['café', 'the name may only contain URL-safe characters (letters, digits, - . _ and one @scope/)'],
    ['a/b', 'the name may only contain URL-safe characters (letters, digits, - . _ and one @scope/)'],
    ['@acme', 'a scoped name has the form @scope/name'],
    ['@acme/x/y', 'a scoped name has the form @scope/name'],
    ['@acme/.x', 'the name after the scope must not start with . or _'],
    ['node_modules', '"node_modules" is a reserved name'],
    ['http', '"http" is a Node.js core module'],
  ])('refuses %j: %s', (name, problem) => {
    expect(npmPackageNameProblems(name)).toContain(problem);
    expect(isValidNpmPackageName(name)).toBe(false);
  });

  it('splits scoped names', () => {
    expect(splitPackageName('@acme/web')).toEqual({ scope: 'acme', unscopedName: 'web' });
    expect(splitPackageName('web')).toEqual({ scope: null, unscopedName: 'web' });
  });
});
