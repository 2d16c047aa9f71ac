import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './env';
import { missingLockEntries, type TLockfile } from './lockfile';

describe('package-lock.json', () => {
  it('locks every platform’s optional binaries, so no install rewrites it and `npm ci` accepts it', () => {
    const lock = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package-lock.json'), 'utf8')) as TLockfile;
    expect(lock.lockfileVersion).toBe(3);
    expect(missingLockEntries(lock)).toEqual([]);
    // The packages whose absence made the first `npm start` of a fresh clone rewrite the lockfile.
    expect(lock.packages).toHaveProperty(['node_modules/@next/swc-darwin-arm64']);
    expect(lock.packages).toHaveProperty(['node_modules/@tailwindcss/oxide-win32-x64-msvc']);
  });
});

describe('missingLockEntries', () => {
  const base: TLockfile = {
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { next: '16.4.6' } },
      'apps/slate': { dependencies: { react: '19.3.1' } },
      'node_modules/@lumenforge/slate': { link: true },
      'node_modules/next': {
        optionalDependencies: { '@next/swc-linux-x64-gnu': '16.4.6', '@next/swc-darwin-arm64': '16.4.6' },
        peerDependencies: { react: '*', sass: '*' },
        peerDependenciesMeta: { sass: { optional: true } },
      },
      'node_modules/next/node_modules/postcss': { dependencies: { nanoid: '^3' } },
      'node_modules/nanoid': {},
      'node_modules/react': {},
      'node_modules/@next/swc-linux-x64-gnu': {},
      'node_modules/@next/swc-darwin-arm64': {},
    },
  };

  it('accepts a lock where each dependency resolves from where it is declared or above', () => {
    expect(missingLockEntries(base)).toEqual([]);
  });

  it('names another platform’s optional binary that the lock lacks (the lockfile npm rewrote)', () => {
    const { 'node_modules/@next/swc-darwin-arm64': _, ...packages } = base.packages;
    expect(missingLockEntries({ ...base, packages })).toEqual([
      'node_modules/next -> @next/swc-darwin-arm64 (optionalDependencies)',
    ]);
  });

  it('names a missing required peer and a dependency missing from a workspace', () => {
    const { 'node_modules/react': _, ...packages } = base.packages;
    expect(missingLockEntries({ ...base, packages })).toEqual([
      'apps/slate -> react (dependencies)',
      'node_modules/next -> react (peerDependencies)',
    ]);
  });
});
