// Entry `@lumenforge/slate-data-access/server`: the token set service. Server code only.
export { applyDraftOperations } from './draft-operations';
export {
  createTokenSetService,
  DEFAULT_TOKEN_SET_NAME,
  TokenValidationError,
  type TTokenActor,
  type TTokenRequestContext,
  type TTokenSetService,
  type TTokenSetServiceDeps,
} from './token-set.service';
export {
  ZDraftOperationSchema,
  ZOperationsBodySchema,
  ZPublishInputSchema,
  ZReplaceDraftSchema,
  ZRestoreInputSchema,
  ZValidateBodySchema,
} from './token-api.schema';
export { tokenApiOpenApiDocument } from './token-openapi';
