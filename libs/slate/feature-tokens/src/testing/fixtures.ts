// Test data shared by the feature's tests (not exported from the package).
import { emptyChangeSummary, type TTokenChangeKind } from '@lumenforge/tokens';
import type { TTokenVersionSummary } from '../lib/types';

/** A diff summary: the given counts, 0 for every other kind. */
export function changeSummary(
  counts: Partial<Record<TTokenChangeKind, number>> = {},
): Record<TTokenChangeKind, number> {
  return { ...emptyChangeSummary(), ...counts };
}

/** A published version by Dana Designer, a minor one with no changes unless `extra` says otherwise. */
export function versionSummary(
  number: number,
  semver: string,
  extra: Partial<TTokenVersionSummary> = {},
): TTokenVersionSummary {
  return {
    number,
    semver,
    changelog: `Changes of ${semver}`,
    author: { id: 'u1', name: 'Dana Designer' },
    publishedAt: `2026-11-0${number}T10:00:00.000Z`,
    summary: changeSummary(),
    bump: 'minor',
    isBreaking: false,
    restoredFrom: null,
    ...extra,
  };
}
