export {
  SYSTEM_IDS,
  SYSTEMS,
  IGNIS_HMR_PORT,
  IGNIS_ENGINE_SECRET_FILE,
  isSystemId,
  type TSystem,
  type TSystemId,
} from './systems';
export {
  systemUrl,
  systemUrls,
  systemLinks,
  urlOptionsFromEnv,
  type TSystemUrlOptions,
  type TSystemLink,
} from './system-urls';
export { systemMetadata } from './system-metadata';
export { createEnv, InvalidEnvError } from './create-env';
export { defineAppEnv } from './app-env';
export { LIVE_EVENTS_PATH, LIVE_TOPICS, isLiveTopic, type TLiveFrame, type TLiveTopic } from './live-events';
