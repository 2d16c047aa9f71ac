import { SYSTEM_IDS, systemUrl, type TSystemUrlOptions } from '@lumenforge/config';
import { connectNats, natsServers, type NatsConnection } from '@lumenforge/nats/server';
import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import type { TRuntimeEnv } from '@lumenforge/runtime/env';
import type { TPlatformRuntime } from '@lumenforge/runtime/server';
import type { TStatusSummary } from '../status-summary';
import type { TMonitorEnv } from './env';
import type { TThresholdOverrides } from '../thresholds';
import type { TMonitorTargets } from './probes';
import { createHealthSampler, type THealthSampler } from './sampler';
import { cachedStatusSummary, type TStatusServiceOptions } from './status-service';

export type TLandingMonitorOptions = {
  runtime: TPlatformRuntime;
  env: TRuntimeEnv;
  monitorEnv: TMonitorEnv;
  /** Where the six apps are (default: `systemUrl` with these options). */
  urlOptions?: TSystemUrlOptions;
  /** Replace the six apps' health URLs (tests). */
  apps?: readonly { id: string; healthUrl: string }[];
  thresholds?: TThresholdOverrides;
  now?: () => Date;
  cacheTtlMs?: number;
};

export type TLandingMonitor = {
  targets: TMonitorTargets;
  sampler: THealthSampler;
  /** GET /api/status's body for a workspace, from `realtime:{workspaceId}` for a few seconds. */
  summary: (workspaceId: string) => Promise<TStatusSummary>;
  close: () => Promise<void>;
};

/**
 * Wires the monitor to a runtime: the apps' health URLs, the runtime's database, and in cluster
 * mode a Redis client and NATS connection of its own (named `<service>:monitor`) for INFO and
 * JetStream stream info, opened on first use.
 */
export function createLandingMonitor(options: TLandingMonitorOptions): TLandingMonitor {
  const { runtime, env, monitorEnv } = options;
  const isCluster = runtime.mode === 'cluster';
  let redis: TRedisClient | undefined;
  let nats: Promise<NatsConnection> | undefined;
  const quiet = {
    warn: (message: string) => runtime.logger.warn({ component: 'monitor' }, message),
    info: (message: string) => runtime.logger.info({ component: 'monitor' }, message),
  };
  const targets: TMonitorTargets = {
    apps:
      options.apps ??
      SYSTEM_IDS.map((id) => ({ id, healthUrl: `${systemUrl(id, options.urlOptions)}/api/health` })),
    db: runtime.db,
    redis: isCluster
      ? (redis = createRedisClient(env, { connectionName: `${runtime.service}:monitor`, logger: quiet }))
      : null,
    nats: isCluster
      ? {
          connection: () => {
            if (!nats) {
              nats = connectNats({ servers: natsServers(env), name: `${runtime.service}:monitor` });
              nats.catch(() => {
                nats = undefined;
              });
            }
            return nats;
          },
          ...(monitorEnv.NATS_MONITOR_URL ? { monitorUrl: monitorEnv.NATS_MONITOR_URL } : {}),
        }
      : null,
    registry: monitorEnv.REGISTRY_URL
      ? {
          url: monitorEnv.REGISTRY_URL,
          ...(monitorEnv.REGISTRY_STORAGE_DIR ? { storageDir: monitorEnv.REGISTRY_STORAGE_DIR } : {}),
        }
      : null,
  };
  const statusOptions: TStatusServiceOptions = {
    db: runtime.db,
    cache: runtime.cache,
    mode: runtime.mode,
    targets,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.cacheTtlMs ? { cacheTtlMs: options.cacheTtlMs } : {}),
  };
  const sampler = createHealthSampler({
    db: runtime.db,
    bus: runtime.bus,
    targets,
    service: runtime.service,
    logger: {
      info: (message) => runtime.logger.info({ component: 'health-sampler' }, message),
      error: (message) => runtime.logger.error({ component: 'health-sampler' }, message),
    },
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    targets,
    sampler,
    summary: (workspaceId) => cachedStatusSummary(statusOptions, workspaceId),
    close: async () => {
      sampler.stop();
      redis?.disconnect();
      const connection = await nats?.catch(() => undefined);
      await connection?.drain().catch(() => undefined);
    },
  };
}

type TMonitorGlobal = { __lumenforgeLandingMonitor?: TLandingMonitor };
const monitorGlobal = globalThis as typeof globalThis & TMonitorGlobal;

/**
 * LANDING's monitor, one per process (on `globalThis`: Next bundles instrumentation and routes
 * separately, and both must share the sampler's connections).
 */
export function defineLandingMonitor(create: () => TLandingMonitor): () => TLandingMonitor {
  return () => (monitorGlobal.__lumenforgeLandingMonitor ??= create());
}
