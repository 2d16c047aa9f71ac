// Entry `@lumenforge/slate-data-access`: the token API's shapes. Client-safe (types and constants only).
export {
  TOKEN_EXPORT_FORMATS,
  type TDraftOperation,
  type TTokenDraft,
  type TTokenExportFormat,
  type TTokenVersion,
  type TTokenVersionSummary,
  type TUserRef,
} from './token-api.types';
