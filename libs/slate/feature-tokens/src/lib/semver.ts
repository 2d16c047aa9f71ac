import { compareSemver, formatSemver, parseSemver } from '@lumenforge/tokens';

// The publish form's check of the version a designer types. Parsing and ordering are the tokens
// lib's (`@lumenforge/tokens`); SLATE publishes plain releases only.

/** `'1.2.3'`: a release without `v`, pre-release or build parts, written in its normal form. */
function isPlainRelease(text: string): boolean {
  const parsed = parseSemver(text);
  return parsed !== null && formatSemver({ ...parsed, prerelease: [], build: [] }) === text.trim();
}

/**
 * Why the publish form's version is not acceptable (`null` when it is): it must be a plain
 * MAJOR.MINOR.PATCH at least the proposed one, which the diff's bump decides (a breaking change
 * cannot go out as a minor).
 */
export function semverProblem(input: string, proposed: string): string | null {
  if (!isPlainRelease(input)) return 'Enter a version as MAJOR.MINOR.PATCH, for example 2.1.0.';
  if (parseSemver(proposed) && compareSemver(input, proposed) < 0)
    return `The changes need at least ${proposed}. Use ${proposed} or higher.`;
  return null;
}
