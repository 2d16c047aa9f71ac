// Entry `@lumenforge/runtime/server`: an app's runtime in the mode its environment selects. Server code only.
export {
  createRuntime,
  type TPlatformRuntime,
  type TCreateRuntimeOptions,
  type TRuntimeLogger,
} from './runtime';
export { defineAppRuntime, startAppRuntime } from './app-runtime';
export { CACHE_INVALIDATIONS, invalidateFor, subscribeCacheInvalidation } from './cache-invalidation';
export { platformMode, type TPlatformMode } from './env';
export {
  apiRoute,
  publicApiRoute,
  clientIp,
  errorResponse,
  InvalidRequestError,
  readJsonBody,
  requestContext,
  type TApiContext,
  type TApiRouteOptions,
  type TRequestContext,
} from './api-route';
