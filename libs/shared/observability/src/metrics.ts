import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type {
  TCacheStatsSource,
  TConsumedOutcome,
  TConsumerLagSource,
  TPoolStatsSource,
} from './observability.types';

/** Every metric this lib defines, on the process's one registry. */
export type TProcessMetrics = {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  eventsPublished: Counter<'subject'>;
  eventsConsumed: Counter<'consumer' | 'subject' | 'outcome'>;
  buildInfo: Gauge<'version'>;
  /** Live sources read at scrape time; `register*Source` add to them and return the removal. */
  sources: {
    cache: Set<TCacheStatsSource>;
    pool: Set<TPoolStatsSource>;
    consumerLag: Set<TConsumerLagSource>;
  };
};

type TMetricsGlobal = { __lumenforgeMetrics?: TProcessMetrics };
// On globalThis: Next bundles instrumentation and each route separately (module state is not shared
// between them), and a second registry would double every metric or miss the other half.
const metricsGlobal = globalThis as typeof globalThis & TMetricsGlobal;

/** A lag source that has not answered in this long is left out of the scrape (e.g. NATS down). */
const LAG_TIMEOUT_MS = 2_000;

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const timer = setTimeout(() => rejectPromise(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolvePromise(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        rejectPromise(error);
      },
    );
  });
}

function createProcessMetrics(): TProcessMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const sources: TProcessMetrics['sources'] = { cache: new Set(), pool: new Set(), consumerLag: new Set() };
  const registers = [registry];

  const cacheTotals = () => {
    const totals = { hits: 0, misses: 0, errors: 0 };
    for (const source of sources.cache) {
      const stats = source();
      totals.hits += stats.hits;
      totals.misses += stats.misses;
      totals.errors += stats.errors;
    }
    return totals;
  };

  new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups by result since the process started (error: a store failure on a read or write; a failed read is also a miss).',
    labelNames: ['result'] as const,
    registers,
    collect() {
      // The cache keeps its own monotonic counters (TCache.stats()); they are copied at scrape time.
      const totals = cacheTotals();
      this.reset();
      this.inc({ result: 'hit' }, totals.hits);
      this.inc({ result: 'miss' }, totals.misses);
      this.inc({ result: 'error' }, totals.errors);
    },
  });
  new Gauge({
    name: 'cache_hit_ratio',
    help: 'Cache hits / (hits + misses) since the process started; 0 before the first lookup.',
    registers,
    collect() {
      const { hits, misses } = cacheTotals();
      this.set(hits + misses === 0 ? 0 : hits / (hits + misses));
    },
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections: total open, idle, and requests waiting for one.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const totals = { total: 0, idle: 0, waiting: 0 };
      for (const source of sources.pool) {
        const stats = source();
        totals.total += stats.total;
        totals.idle += stats.idle;
        totals.waiting += stats.waiting;
      }
      for (const [state, value] of Object.entries(totals)) this.set({ state }, value);
    },
  });
  new Gauge({
    name: 'event_consumer_lag',
    help: 'Events a durable consumer has not handled yet (single-node: outbox head position minus the consumer cursor; cluster: JetStream num_pending).',
    labelNames: ['consumer'] as const,
    registers,
    async collect() {
      this.reset();
      const answers = await Promise.allSettled(
        [...sources.consumerLag].map((source) => withTimeout(source(), LAG_TIMEOUT_MS)),
      );
      for (const answer of answers) {
        if (answer.status !== 'fulfilled') continue; // unreachable store: no sample rather than a wrong one
        for (const { consumer, lag } of answer.value) this.set({ consumer }, lag);
      }
    },
  });

  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'API request duration by method, route (the endpoint name, never the raw URL) and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'API requests by method, route (the endpoint name) and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    eventsPublished: new Counter({
      name: 'events_published_total',
      help: 'Events written to the outbox by this process (publish), by subject.',
      labelNames: ['subject'] as const,
      registers,
    }),
    eventsConsumed: new Counter({
      name: 'events_consumed_total',
      help: 'Handler runs by consumer, subject and outcome (ok, retry: an attempt failed and will be retried, parked: the last attempt failed, duplicate: already processed, skipped).',
      labelNames: ['consumer', 'subject', 'outcome'] as const,
      registers,
    }),
    buildInfo: new Gauge({
      name: 'build_info',
      help: 'Always 1; the service and version running.',
      labelNames: ['version'] as const,
      registers,
    }),
    sources,
  };
}

/** The process's metrics and their registry (one per process, created on first use). */
export function processMetrics(): TProcessMetrics {
  return (metricsGlobal.__lumenforgeMetrics ??= createProcessMetrics());
}

/**
 * Names the process in every series (`service` label) and sets `build_info{service,version} 1`.
 * Called by the runtime when it is created; the last call wins (one service per process).
 */
export function configureMetrics(options: { service: string; version: string }): void {
  const metrics = processMetrics();
  metrics.registry.setDefaultLabels({ service: options.service });
  metrics.buildInfo.reset();
  metrics.buildInfo.set({ version: options.version }, 1);
}

/** One API request: `route` is the endpoint's name or template (`tokens.read`), never a raw URL. */
export function recordHttpRequest(sample: {
  method: string;
  route: string;
  status: number;
  durationSeconds: number;
}): void {
  const metrics = processMetrics();
  const method = HTTP_METHODS.has(sample.method.toUpperCase()) ? sample.method.toUpperCase() : 'OTHER';
  const labels = { method, route: sample.route, status: String(sample.status) };
  metrics.httpRequestDuration.observe(labels, sample.durationSeconds);
  metrics.httpRequests.inc(labels);
}

/** One event written to the outbox. */
export function recordEventPublished(subject: string): void {
  processMetrics().eventsPublished.inc({ subject });
}

/** One handler attempt's outcome for a durable consumer. */
export function recordEventConsumed(consumer: string, subject: string, outcome: TConsumedOutcome): void {
  processMetrics().eventsConsumed.inc({ consumer, subject, outcome });
}

function register<T>(set: Set<T>, source: T): () => void {
  set.add(source);
  return () => set.delete(source);
}

/** Adds a cache's counters to `cache_requests_total` and `cache_hit_ratio`; returns the removal. */
export function registerCacheStats(source: TCacheStatsSource): () => void {
  return register(processMetrics().sources.cache, source);
}

/** Adds a connection pool to `db_pool_connections`; returns the removal. */
export function registerPoolStats(source: TPoolStatsSource): () => void {
  return register(processMetrics().sources.pool, source);
}

/** Adds consumers to `event_consumer_lag` (asked at scrape time, 2 s at most); returns the removal. */
export function registerConsumerLag(source: TConsumerLagSource): () => void {
  return register(processMetrics().sources.consumerLag, source);
}

/** The exposition of every metric in Prometheus text format 0.0.4, and its content type. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = processMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
