// Entry `@lumenforge/runtime/server`: an app's runtime in the mode its environment selects. Server code only.
export {
  createRuntime,
  type TPlatformRuntime,
  type TCreateRuntimeOptions,
  type TRuntimeLogger,
} from './runtime';
export { defineAppRuntime, startAppRuntime } from './app-runtime';
export { metricsRoute, METRICS_PATH } from './metrics-route';
export { CACHE_INVALIDATIONS, invalidateFor, subscribeCacheInvalidation } from './cache-invalidation';
export { platformMode, type TPlatformMode } from './env';
export {
  apiRoute,
  publicApiRoute,
  clientIp,
  errorResponse,
  InvalidRequestError,
  UnprocessableError,
  invalidBody,
  readJsonBody,
  requestContext,
  type TApiContext,
  type TApiRouteOptions,
  type TRequestContext,
} from './api-route';
export {
  publishedTheme,
  themeStylesheetRoute,
  readPublishedTokenSet,
  THEME_STYLESHEET_PATH,
  type TPublishedTheme,
} from './published-theme';
export {
  endsSessionOf,
  liveEventsRoute,
  parseLiveTopics,
  SHARED_LIVE_TOPICS,
  type TLiveTopicDefinition,
} from './live-events-route';
export { conditionalResponse, etagOf } from './conditional-response';
export { readQuery, readPathParam } from './read-query';
export {
  parseQuery,
  queryToObject,
  type TQueryInput,
  type TQueryIssue,
  type TQueryParseResult,
} from './query-params';
export {
  searchRoute,
  searchWorkspace,
  SEARCH_API_PATH,
  SEARCH_KINDS,
  ZSearchQuerySchema,
  type TSearchHit,
  type TSearchKind,
  type TSearchResponse,
} from './workspace-search';
