// Follow-up edits without losing hand changes: a line-based three-way merge (node-diff3) of the
// files an edit started from (base), the person's current files (ours) and the re-generated ones
// (theirs). Where both changed the same lines, the person's lines are kept as they are and the
// conflict is returned for the UI to show: no conflict markers go into the code, so it still
// type-checks as well as the person's version did.
import { diff3Merge } from 'node-diff3';
import type { TGeneratedFiles } from './types';

export const MERGED_FILE_ROLES = ['source', 'tests', 'stories'] as const;
export type TMergedFileRole = (typeof MERGED_FILE_ROLES)[number];

/** One hunk both sides changed: the person's lines were kept; the re-generated ones are offered. */
export type TMergeConflict = {
  file: TMergedFileRole;
  /**
   * 1-based, inclusive lines of the merged file that hold the person's kept version. When the
   * person deleted the hunk, `endLine` is `startLine - 1` (nothing kept; it sat before `startLine`).
   */
  startLine: number;
  endLine: number;
  /** The person's lines (kept), the re-generated lines (not applied) and the lines both started from. */
  ours: string[];
  theirs: string[];
  base: string[];
  /** 1-based line of the re-generated file where `theirs` starts. */
  theirsStartLine: number;
};

export type TMergeEditInput = { base: TGeneratedFiles; ours: TGeneratedFiles; theirs: TGeneratedFiles };

export type TMergeEditResult = {
  files: TGeneratedFiles;
  /** Hunks where the person's change and the re-generation overlap, in file and line order. */
  conflicts: TMergeConflict[];
  hasConflicts: boolean;
  /** Whether the person had changed anything since `base` (false: the result is `theirs`). */
  keptHandChanges: boolean;
};

function linesOf(text: string): string[] {
  return text.split('\n');
}

function mergeText(role: TMergedFileRole, base: string, ours: string, theirs: string) {
  if (ours === base || ours === theirs) return { text: theirs, conflicts: [] };
  if (theirs === base) return { text: ours, conflicts: [] };
  const merged: string[] = [];
  const conflicts: TMergeConflict[] = [];
  for (const region of diff3Merge<string>(linesOf(ours), linesOf(base), linesOf(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) {
      merged.push(...region.ok);
      continue;
    }
    if (!region.conflict) continue;
    const { a, b, o, bIndex } = region.conflict;
    conflicts.push({
      file: role,
      startLine: merged.length + 1,
      endLine: merged.length + a.length,
      ours: a,
      theirs: b,
      base: o,
      theirsStartLine: bIndex + 1,
    });
    merged.push(...a);
  }
  return { text: merged.join('\n'), conflicts };
}

/**
 * Merges a re-generation into the person's files. A rename the re-generation made is taken unless
 * the person renamed it themselves. Pure: no I/O, deterministic.
 */
export function mergeEdit({ base, ours, theirs }: TMergeEditInput): TMergeEditResult {
  const files: TGeneratedFiles = { name: ours.name !== base.name ? ours.name : theirs.name, source: '', tests: '', stories: '' };
  const conflicts: TMergeConflict[] = [];
  for (const role of MERGED_FILE_ROLES) {
    const merged = mergeText(role, base[role], ours[role], theirs[role]);
    files[role] = merged.text;
    conflicts.push(...merged.conflicts);
  }
  const keptHandChanges = MERGED_FILE_ROLES.some((role) => ours[role] !== base[role]);
  return { files, conflicts, hasConflicts: conflicts.length > 0, keptHandChanges };
}
