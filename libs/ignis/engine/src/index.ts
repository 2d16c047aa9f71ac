// Entry `@lumenforge/ignis-engine`: the engine (for its process entry, tests and the benchmark).
export { createEngine, type TEngine, type TEngineOptions } from './engine';
export { ensureEngineSecret, isAuthorized } from './engine-secret';
export { readEngineEnv, ZIgnisEngineEnv, type TIgnisEngineEnv } from './env';
export {
  PreviewSession,
  spawnSandboxedSession,
  SESSION_LIMITS,
  SESSION_WORKER,
  type TSpawnSession,
  type TSessionProcess,
} from './preview-session';
export { PREVIEW_HEADERS } from './proxy';
