import { connect, type NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/nats-core';
import {
  DiscardPolicy,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';

export type { NatsConnection } from '@nats-io/transport-node';

export type TConnectNatsOptions = {
  /** One or more servers (`natsServers(env)`); the client fails over between them. */
  servers: readonly string[];
  /** Shown in the server's connection list (`nats server report connections`), e.g. `spark`. */
  name: string;
};

/**
 * Connects to NATS. The first connect waits until a server answers (an app starting before NATS
 * must not crash), and a lost connection is retried forever every second: NATS outages are
 * expected in cluster operations, and the outbox keeps every event meanwhile.
 */
export function connectNats(options: TConnectNatsOptions): Promise<NatsConnection> {
  if (options.servers.length === 0) throw new Error('NATS_URL is not set: no NATS servers to connect to');
  return connect({
    servers: [...options.servers],
    name: options.name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    pingInterval: 10_000,
    // No async stack captured for every request (an Error per request and per timeout): JetStream
    // publishes are requests, and the event relay makes one per event. A failed request still
    // says what failed (message, cause), not where it was called from.
    noAsyncTraces: true,
  });
}

/** The one stream that keeps every platform event (ARCHITECTURE: `wissil.>`). */
export const EVENT_STREAM = 'WISSIL';
export const EVENT_STREAM_SUBJECTS = ['wissil.>'];

export type TEventStreamOptions = {
  name?: string;
  /** Copies across the NATS cluster (`NATS_STREAM_REPLICAS`). */
  replicas?: number;
  /** Window in which a re-published event id (`Nats-Msg-Id`) is dropped as a duplicate. Default 10 min. */
  duplicateWindowMs?: number;
  /** How long events are kept. Default 7 days. */
  maxAgeMs?: number;
};

/**
 * Creates the event stream, or brings an existing one to this configuration. File storage: events
 * survive a server restart. Safe to call from every app at start.
 */
export async function ensureEventStream(
  nc: NatsConnection,
  options: TEventStreamOptions = {},
): Promise<StreamInfo> {
  const jsm = await jetstreamManager(nc);
  const config: Partial<StreamConfig> & { name: string } = {
    name: options.name ?? EVENT_STREAM,
    subjects: EVENT_STREAM_SUBJECTS,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas ?? 1,
    duplicate_window: nanos(options.duplicateWindowMs ?? 10 * 60_000),
    max_age: nanos(options.maxAgeMs ?? 7 * 24 * 60 * 60_000),
  };
  try {
    const existing = await jsm.streams.info(config.name);
    return await jsm.streams.update(config.name, { ...existing.config, ...config });
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    return jsm.streams.add(config);
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && /stream not found/i.test(error.message);
}

/**
 * Round trip to the server and a JetStream account lookup: fails when NATS is disconnected or
 * JetStream is not enabled. Resolves with the round-trip time.
 */
export async function pingNats(nc: NatsConnection, timeoutMs = 1_500): Promise<{ latencyMs: number }> {
  if (nc.isClosed()) throw new Error('NATS connection is closed');
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`NATS did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const check = (async () => {
      await nc.rtt();
      const jsm = await jetstreamManager(nc, { timeout: timeoutMs });
      await jsm.getAccountInfo();
    })();
    check.catch(() => undefined);
    await Promise.race([check, timeout]);
    return { latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith('NATS') ? message : `NATS is unavailable: ${message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
