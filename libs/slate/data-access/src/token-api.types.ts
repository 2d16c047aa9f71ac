/**
 * The shapes SLATE's token API answers with (JSON) and its pages receive. Client-safe: types and
 * constants only.
 */
import type { TThemeName, TTokenDiff, TTokenIssue, TTokenSet, TVersionBump } from '@lumenforge/tokens';

export type TUserRef = { id: string; name: string };

/** One published version of a workspace's token set. */
export type TTokenVersionSummary = {
  /** 1, 2, 3 … in publishing order. */
  number: number;
  /** Semantic version, e.g. `1.2.0`. */
  semver: string;
  changelog: string;
  author: TUserRef | null;
  /** ISO date-time. */
  publishedAt: string;
  /** Counts of the diff against the previous version (all zero for the first). */
  summary: TTokenDiff['summary'];
  bump: TVersionBump;
  isBreaking: boolean;
  /** Set when this version restored an older one's content. */
  restoredFrom: number | null;
};

export type TTokenVersion = TTokenVersionSummary & {
  set: TTokenSet;
  /** The diff against the previous version (empty for the first). */
  diff: TTokenDiff;
};

/** The workspace's draft: what the editor edits and publishing turns into a version. */
export type TTokenDraft = {
  set: TTokenSet;
  /** The version the draft started from (null before the first publish). */
  basedOn: number | null;
  /** ISO date-time; send back as `expectedUpdatedAt` so a concurrent edit is refused (409), not lost. */
  updatedAt: string;
  updatedBy: TUserRef | null;
  /** Every problem in the draft, contrast included (a draft with contrast errors cannot be published). */
  issues: TTokenIssue[];
  /** The draft against the latest published version. */
  diff: TTokenDiff;
  /** The semantic version publishing would create (from the diff's bump). */
  proposedSemver: string;
  hasChanges: boolean;
};

/** An edit of the draft (`PATCH /api/tokens/draft`). `theme: null` (or absent) edits the base set. */
export type TDraftOperation =
  | {
      op: 'set';
      path: string;
      theme?: TThemeName | null;
      token: {
        $value: unknown;
        $type?: string;
        $description?: string;
        $deprecated?: boolean | string;
        $extensions?: Record<string, unknown>;
      };
    }
  | { op: 'remove'; path: string; theme?: TThemeName | null }
  | { op: 'rename'; path: string; to: string; theme?: TThemeName | null };

export const TOKEN_EXPORT_FORMATS = ['json', 'css', 'tailwind', 'ts', 'dtcg'] as const;
export type TTokenExportFormat = (typeof TOKEN_EXPORT_FORMATS)[number];
