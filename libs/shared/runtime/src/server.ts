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
export { apiRoute, clientIp, errorResponse, InvalidRequestError, readJsonBody } from './api-route';
