// The shapes this lib codes against, from the tokens lib and SLATE's API types (types only: safe in
// client components).
import type { TTokenDiff, TTokenEntry, TTokenIssue } from '@lumenforge/tokens';

export type {
  TTokenDiff,
  TTokenEntry,
  TTokenIssue,
  TTokenSet,
  TThemeName,
  TTokenType,
} from '@lumenforge/tokens';
export type {
  TDraftOperation,
  TTokenDraft,
  TTokenVersion,
  TTokenVersionSummary,
} from '@lumenforge/slate-data-access';

export type TTokenChange = TTokenDiff['changes'][number];
export type TChangeKind = TTokenChange['kind'];
export type TVersionBumpKind = TTokenDiff['bump'];
export type TThemedEntries = { light: TTokenEntry[]; dark: TTokenEntry[] };
export type TIssue = TTokenIssue;
