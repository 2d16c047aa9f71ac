/** Semantic Versioning 2.0.0 (https://semver.org), for versions of a published token set. */

export type TSemver = {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers (`1.0.0-beta.2` → `['beta', '2']`), empty for a release. */
  prerelease: string[];
  /** Build metadata identifiers; ignored when comparing. */
  build: string[];
};

/** How much a change moves the version. */
export type TVersionBump = 'major' | 'minor' | 'patch' | 'none';

const NUMBER = '0|[1-9]\\d*';
const PRERELEASE_ID = `(?:${NUMBER}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(
  `^v?(${NUMBER})\\.(${NUMBER})\\.(${NUMBER})` +
    `(?:-(${PRERELEASE_ID}(?:\\.${PRERELEASE_ID})*))?` +
    `(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`,
);

/** `'1.2.3-beta.1+build.5'` → parts; `null` when it is not a semantic version (a leading `v` is allowed). */
export function parseSemver(version: string): TSemver | null {
  const match = SEMVER.exec(version.trim());
  if (!match) return null;
  const [, major = '0', minor = '0', patch = '0', prerelease, build] = match;
  const numbers = [major, minor, patch].map(Number);
  if (!numbers.every(Number.isSafeInteger)) return null;
  return {
    major: numbers[0] ?? 0,
    minor: numbers[1] ?? 0,
    patch: numbers[2] ?? 0,
    prerelease: prerelease ? prerelease.split('.') : [],
    build: build ? build.split('.') : [],
  };
}

export function formatSemver({ major, minor, patch, prerelease, build }: TSemver): string {
  const pre = prerelease.length > 0 ? `-${prerelease.join('.')}` : '';
  const meta = build.length > 0 ? `+${build.join('.')}` : '';
  return `${major}.${minor}.${patch}${pre}${meta}`;
}

function parseOrThrow(version: string): TSemver {
  const parsed = parseSemver(version);
  if (!parsed) throw new RangeError(`Not a semantic version: "${version}"`);
  return parsed;
}

const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);

function compareIdentifiers(a: string, b: string): -1 | 0 | 1 {
  const numeric = /^\d+$/;
  const aNum = numeric.test(a);
  const bNum = numeric.test(b);
  if (aNum && bNum) return sign(Number(a) - Number(b));
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Precedence of two versions (semver §11): -1, 0 or 1. A pre-release sorts before its release;
 * build metadata is ignored. Throws `RangeError` for an invalid version.
 */
export function compareSemver(a: string, b: string): -1 | 0 | 1 {
  const x = parseOrThrow(a);
  const y = parseOrThrow(b);
  const core = sign(x.major - y.major) || sign(x.minor - y.minor) || sign(x.patch - y.patch);
  if (core !== 0) return core;
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return sign(y.prerelease.length - x.prerelease.length);
  }
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i += 1) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const order = compareIdentifiers(p, q);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * The next version after `current` for a change of size `bump`; the first version (`current` null)
 * is `1.0.0`. A pre-release is released by the bump it is a pre-release of (`2.0.0-rc.1` + major →
 * `2.0.0`, + patch → `2.0.0`), as npm does. `none` returns `current` unchanged (normalised). Build
 * metadata is dropped. Throws `RangeError` for an invalid `current`.
 */
export function bumpSemver(current: string | null, bump: TVersionBump): string {
  if (current === null) return '1.0.0';
  const version = parseOrThrow(current);
  if (bump === 'none') return formatSemver(version);
  const { major, minor, patch } = version;
  const pre = version.prerelease.length > 0;
  const next = { prerelease: [], build: [] };
  switch (bump) {
    case 'major':
      return formatSemver(
        pre && minor === 0 && patch === 0
          ? { major, minor, patch, ...next }
          : { major: major + 1, minor: 0, patch: 0, ...next },
      );
    case 'minor':
      return formatSemver(
        pre && patch === 0
          ? { major, minor, patch, ...next }
          : { major, minor: minor + 1, patch: 0, ...next },
      );
    case 'patch':
      return formatSemver(
        pre ? { major, minor, patch, ...next } : { major, minor, patch: patch + 1, ...next },
      );
  }
}
