// Entry `@lumenforge/landing-monitoring/server`: the sampler, the probes and GET /api/status's
// builder. Server code only (LANDING's instrumentation and route handlers, integration tests).
export {
  createLandingMonitor,
  defineLandingMonitor,
  type TLandingMonitor,
  type TLandingMonitorOptions,
} from './server/landing-monitor';
export { readMonitorEnv, ZMonitorEnv, type TMonitorEnv } from './server/env';
export {
  createHealthSampler,
  type THealthSampler,
  type THealthSamplerOptions,
  type TSampleOutcome,
} from './server/sampler';
export { buildStatusSummary, cachedStatusSummary, type TStatusServiceOptions } from './server/status-service';
export {
  probeAll,
  probeApp,
  probeNats,
  probePostgres,
  probeRedis,
  probeRegistry,
  withMessageRate,
  type TMonitorTargets,
  type TProbeResult,
} from './server/probes';
export {
  LIFECYCLE_LOADERS,
  buildSystemCards,
  cachedSystemCards,
  loadSlateLifecycle,
  systemCardsCacheKey,
  type TLifecycleContext,
  type TLifecycleLoaders,
  type TSystemCardsOptions,
} from './server/system-cards-service';
