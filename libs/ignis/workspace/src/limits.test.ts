import { describe, expect, it } from 'vitest';
import {
  FileTooLargeError,
  InvalidFilePathError,
  MAX_FILE_BYTES,
  MAX_PATH_LENGTH,
  validateFilePath,
  validateTree,
} from './limits';

describe('validateFilePath', () => {
  it.each(['src/App.tsx', 'index.html', 'src/a.b/c-d_e.ts', '.gitignore'])('accepts %s', (path) => {
    expect(validateFilePath(path)).toBe(path);
  });

  it.each([
    ['', 'empty'],
    ['../etc/passwd', '`..`'],
    ['src/../../x', '`..`'],
    ['/etc/passwd', 'relative'],
    ['C:/x', 'relative'],
    ['src//a.ts', 'empty'],
    ['./a.ts', 'empty or `.`'],
    ['a\u0000b', 'NUL'],
    ['src\\..\\x', 'backslash'],
    ['node_modules/react/index.js', 'managed by IGNIS'],
    ['.ignis/files.json', 'managed by IGNIS'],
    ['a'.repeat(MAX_PATH_LENGTH + 1), 'longer than'],
  ])('refuses %j (%s)', (path, reason) => {
    expect(() => validateFilePath(path)).toThrow(InvalidFilePathError);
    expect(() => validateFilePath(path)).toThrow(reason);
  });
});

describe('validateTree', () => {
  it('counts UTF-8 bytes and refuses a file over 5 MB with a 413', () => {
    expect(validateTree({ 'a.txt': 'é' })).toBe(2);
    const error = (() => {
      try {
        validateTree({ 'big.txt': 'x'.repeat(MAX_FILE_BYTES + 1) });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as FileTooLargeError).status).toBe(413);
    expect((error as FileTooLargeError).message).toMatch(/at most 5\.0 MB/);
  });

  it('refuses a tree over 50 MB', () => {
    const files = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, 'x'.repeat(MAX_FILE_BYTES)]),
    );
    expect(() => validateTree(files)).toThrow(/project may be at most 50\.0 MB/);
  });
});
