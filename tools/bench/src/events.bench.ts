// Event-bus benchmark: `npm run bench:events` (options after `--`: `--events 2000 --samples 300`,
// `--only nats|postgres`, `--profile <dir>` for a CPU profile of the bursts).
// For each transport (PostgreSQL outbox + LISTEN/NOTIFY; NATS JetStream through the outbox relay)
// it measures publish-to-handler latency (one event at a time: `publish()` called → handler
// started) and throughput (a burst of N events: first publish → handler of the last one started;
// once with 8 publishes in flight, as the baseline was measured, once with 64), next to the raw
// NATS core publish → subscriber hop measured in the same run: the floor.
// Everything runs on throwaway state: a new database per transport and a private nats-server.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDbClient, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import type { TEventBus } from '@lumenforge/event-bus';
import { createNatsEventBus, createPostgresEventBus } from '@lumenforge/event-bus/server';
import { BUILD_STARTED, createEvent, type TEventEnvelope } from '@lumenforge/events';
import { connectNats, type NatsConnection } from '@lumenforge/nats/server';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { formatResultsTable, formatTextTable, percentile, type TBenchResult } from './stats';

const WARMUP_EVENTS = 200;
/** Publishes in flight during the burst, as when the 2026-12-07 baseline was measured. */
const BURST_CONCURRENCY = 8;
/**
 * Publishes in flight during the second burst: an app instance publishing for many requests at
 * once. Publishes without a transaction share grouped inserts, so more in flight share commits
 * (with 8, a burst cannot pass 8 events per commit time).
 */
const WIDE_BURST_CONCURRENCY = 64;
/** The floor is cheap to measure: this many times the samples and the burst steady its figures. */
const FLOOR_SAMPLE_FACTOR = 10;
const STEP_TIMEOUT_MS = 60_000;

/**
 * The figures before batching (issue 14, measured 2026-12-07 with this benchmark's defaults) and the
 * targets it set. The issue gave one burst range for both transports.
 */
const BASELINE_2026_12_07 = { postgresP50Ms: 7.9, burstEventsPerSecond: [342, 389] } as const;
const TARGETS = { postgresP50Ms: 4, burstEventsPerSecond: 5_000 } as const;

type TEventBusResult = TBenchResult & {
  /** The same burst with `WIDE_BURST_CONCURRENCY` publishes in flight. */
  wideBurstEventsPerSecond: number;
  /**
   * Of each burst, first publish → last `publish()` resolved (its event committed to the outbox):
   * what the publishers alone reach, the bound of what any transport can deliver.
   */
  committedPerSecond: { burst: number; wideBurst: number };
};

/** metric, before, now, target, met: the figures the issue asked for, next to its baseline. */
function formatTargetsTable(postgres: TEventBusResult, jetstream: TEventBusResult): string {
  const rate = (perSecond: number) => Math.round(perSecond).toLocaleString('en-US');
  const baselineBurst = BASELINE_2026_12_07.burstEventsPerSecond.map(rate).join('–');
  const burstRows = (name: string, result: TEventBusResult) =>
    [
      [`${BURST_CONCURRENCY} in flight (as the baseline)`, result.eventsPerSecond, baselineBurst],
      [`${WIDE_BURST_CONCURRENCY} in flight`, result.wideBurstEventsPerSecond, '–'],
    ].map(([inFlight, perSecond, before]) => [
      `${name} burst, ${String(inFlight)}, events/s`,
      String(before),
      rate(Number(perSecond)),
      `≥ ${rate(TARGETS.burstEventsPerSecond)}`,
      Number(perSecond) >= TARGETS.burstEventsPerSecond ? 'yes' : 'no',
    ]);
  return formatTextTable(
    ['metric', 'before (2026-12-07 baseline)', 'now', 'target', 'met'],
    [
      [
        'PostgreSQL publish → handler p50, ms',
        BASELINE_2026_12_07.postgresP50Ms.toFixed(1),
        postgres.p50Ms.toFixed(2),
        `≤ ${TARGETS.postgresP50Ms}`,
        postgres.p50Ms <= TARGETS.postgresP50Ms ? 'yes' : 'no',
      ],
      ...burstRows('PostgreSQL', postgres),
      ...burstRows('NATS JetStream', jetstream),
    ],
  );
}

const { values: cliOptions } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    samples: { type: 'string', default: '300' },
    // `nats` or `postgres`: measure one transport only (e.g. to profile it with `node --cpu-prof`).
    only: { type: 'string' },
    // A directory: the bursts of each transport are CPU-profiled into it (`<transport>-bursts.cpuprofile`).
    profile: { type: 'string' },
  },
});
if (cliOptions.only !== undefined && !['nats', 'postgres'].includes(cliOptions.only))
  throw new Error('--only must be nats or postgres');
const BURST_EVENTS = positiveInteger('--events', cliOptions.events);
const LATENCY_SAMPLES = positiveInteger('--samples', cliOptions.samples);

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer`);
  return parsed;
}

function sampleEvent(index: number): TEventEnvelope {
  return createEvent(BUILD_STARTED, {
    data: BUILD_STARTED.sample,
    actor: { type: 'system', id: 'bench' },
    correlationId: `bench-${index}`,
    workspaceId: null,
  });
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Where messages arrive: the receiving side (handler, subscriber) calls `arrived` with the
 * message's key and the time it started on it; the measuring side waits for one key or a count.
 */
function createArrivals() {
  const waiting = new Map<string, (at: number) => void>();
  let arrivedCount = 0;
  let countWaiter: { count: number; resolve: (at: number) => void } | undefined;
  return {
    expect: (key: string) => new Promise<number>((resolveArrival) => waiting.set(key, resolveArrival)),
    arrived: (key: string, at: number) => {
      arrivedCount += 1;
      waiting.get(key)?.(at);
      waiting.delete(key);
      if (countWaiter && arrivedCount >= countWaiter.count) {
        countWaiter.resolve(at);
        countWaiter = undefined;
      }
    },
    /** Resolves with the arrival time of the `count`-th message overall. */
    untilCount: (count: number) =>
      new Promise<number>((resolveCount) => {
        countWaiter = { count, resolve: resolveCount };
      }),
    count: () => arrivedCount,
  };
}

type TPath = {
  /** Sends one event; resolves when it is on its way (`publish()` returned). */
  send: (event: TEventEnvelope) => Promise<void>;
  arrivals: ReturnType<typeof createArrivals>;
};

/**
 * Latency (`samples` events one at a time, after a warm-up) then throughput (a burst of
 * `burstEvents`) on an already subscribed path. Events are created beforehand: building and
 * validating them is not measured. The key of an event is its correlation id.
 */
async function measure(
  name: string,
  path: TPath,
  { samples, burstEvents }: { samples: number; burstEvents: number },
): Promise<TEventBusResult> {
  const events = Array.from({ length: WARMUP_EVENTS + samples + 2 * burstEvents }, (_, index) =>
    sampleEvent(index),
  );
  let index = 0;
  const oneAtATime = async () => {
    const event = events[index++] as TEventEnvelope;
    const arrival = path.arrivals.expect(event.correlationId);
    const sentAt = performance.now();
    await path.send(event);
    return (await withTimeout(arrival, `${name}: delivery of one event`)) - sentAt;
  };
  for (let warmup = 0; warmup < WARMUP_EVENTS; warmup += 1) await oneAtATime();
  const latencies: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) latencies.push(await oneAtATime());

  /**
   * Events per second of a burst of the next `burstEvents` events, `concurrency` in flight:
   * delivered (to the handler of the last one) and committed (every `publish()` resolved).
   */
  const measureBurst = async (concurrency: number) => {
    const burst = events.slice(index, index + burstEvents);
    index += burst.length;
    const lastArrival = path.arrivals.untilCount(path.arrivals.count() + burst.length);
    let next = 0;
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let current = next++; current < burst.length; current = next++)
          await path.send(burst[current] as TEventEnvelope);
      }),
    );
    const committedAt = performance.now();
    const finishedAt = await withTimeout(
      lastArrival,
      `${name}: burst of ${burst.length}, ${concurrency} in flight`,
    );
    return {
      delivered: burst.length / ((finishedAt - startedAt) / 1_000),
      committed: burst.length / ((committedAt - startedAt) / 1_000),
    };
  };
  const profiler = cliOptions.profile === undefined ? undefined : await startProfiler();
  const burst = await measureBurst(BURST_CONCURRENCY);
  const wideBurst = await measureBurst(WIDE_BURST_CONCURRENCY);
  if (profiler && cliOptions.profile !== undefined)
    await profiler.stopInto(
      join(cliOptions.profile, `${name.split(' ')[0]?.toLowerCase()}-bursts.cpuprofile`),
    );
  return {
    name,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    eventsPerSecond: burst.delivered,
    wideBurstEventsPerSecond: wideBurst.delivered,
    committedPerSecond: { burst: burst.committed, wideBurst: wideBurst.committed },
  };
}

/** The V8 CPU profiler of this process, through the inspector (for `--profile`). */
async function startProfiler() {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolvePost, rejectPost) =>
      session.post(method, params, (error, result) => (error ? rejectPost(error) : resolvePost(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    stopInto: async (file: string) => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      console.log(`  CPU profile of the bursts: ${file}`);
    },
  };
}

/** The floor: NATS core publish on one connection → subscriber callback on another, same bytes. */
async function measureNatsCore(natsUrl: string): Promise<TBenchResult> {
  const [publisher, subscriber] = await Promise.all([
    connectNats({ servers: [natsUrl], name: 'bench-core-publisher' }),
    connectNats({ servers: [natsUrl], name: 'bench-core-subscriber' }),
  ]);
  try {
    const arrivals = createArrivals();
    subscriber.subscribe('bench.core', {
      callback: (error, message) => {
        if (error) return;
        const at = performance.now();
        const text = message.string(); // decoded, as a consumer would
        arrivals.arrived(text.slice(0, text.indexOf('\n')), at);
      },
    });
    await subscriber.flush(); // the subscription is registered on the server
    return await measure(
      'NATS core pub/sub',
      {
        arrivals,
        // The key on the first line, then the event envelope: the bytes the relay would publish.
        send: async (event) =>
          publisher.publish('bench.core', `${event.correlationId}\n${JSON.stringify(event)}`),
      },
      { samples: LATENCY_SAMPLES * FLOOR_SAMPLE_FACTOR, burstEvents: BURST_EVENTS * FLOOR_SAMPLE_FACTOR },
    );
  } finally {
    await Promise.all([publisher.close(), subscriber.close()]);
  }
}

async function measureEventBus(name: string, bus: TEventBus<TDbTransaction>): Promise<TEventBusResult> {
  const arrivals = createArrivals();
  await bus.subscribe({
    consumer: 'bench.events',
    subject: BUILD_STARTED.subject,
    // The handler does nothing itself: what is measured is the transport, including the
    // processed-events transaction every handler runs in.
    handler: async (event) => arrivals.arrived(event.correlationId, performance.now()),
  });
  return measure(
    name,
    { arrivals, send: (event) => bus.publish(event) },
    { samples: LATENCY_SAMPLES, burstEvents: BURST_EVENTS },
  );
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  console.log(
    `Event-bus benchmark: latency over ${LATENCY_SAMPLES} events per transport ` +
      `(${LATENCY_SAMPLES * FLOOR_SAMPLE_FACTOR} for the floor), one at a time after ${WARMUP_EVENTS} warm-up; ` +
      `throughput over a burst of ${BURST_EVENTS} (${BURST_EVENTS * FLOOR_SAMPLE_FACTOR} for the floor; ` +
      `${BURST_CONCURRENCY} publishes in flight, then again with ${WIDE_BURST_CONCURRENCY}).`,
  );
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}. Starting a private nats-server and two throwaway databases…`,
  );

  let nats: TNatsServerProcess | undefined;
  let nc: NatsConnection | undefined;
  const databases: TTestDatabase[] = [];
  const clients: TDbClient[] = [];
  const buses: TEventBus<TDbTransaction>[] = [];
  const errors: string[] = [];
  const onError = (message: string) => errors.push(message);
  try {
    const [server, postgresDb, natsDb] = await Promise.all([
      startNatsServer(),
      createTestDatabase(),
      createTestDatabase(),
    ]);
    nats = server;
    databases.push(postgresDb, natsDb);
    // One process publishes and consumes, as one app instance would, on a pool of 10.
    const poolFor = (database: TTestDatabase) => {
      const client = createDbClient(database.url, { poolMax: 10, applicationName: 'bench' });
      clients.push(client);
      return client;
    };

    const floor = await measureNatsCore(server.url);
    console.log(`  measured ${floor.name}`);
    const results: TEventBusResult[] = [];
    const measureTransport = async (
      transport: 'postgres' | 'nats',
      createBus: () => Promise<TEventBus<TDbTransaction>>,
    ) => {
      if (cliOptions.only !== undefined && cliOptions.only !== transport) return undefined;
      const bus = await createBus();
      buses.push(bus);
      const name =
        transport === 'postgres' ? 'PostgreSQL outbox + LISTEN/NOTIFY' : 'NATS JetStream via outbox relay';
      const result = await measureEventBus(name, bus);
      console.log(`  measured ${result.name}`);
      results.push(result);
      return result;
    };
    const postgres = await measureTransport('postgres', async () =>
      createPostgresEventBus({ db: poolFor(postgresDb), databaseUrl: postgresDb.url, onError }),
    );
    const jetstream = await measureTransport('nats', async () => {
      nc = await connectNats({ servers: [server.url], name: 'bench-jetstream' });
      return createNatsEventBus({ db: poolFor(natsDb), databaseUrl: natsDb.url, nc, onError });
    });

    console.log(`\n${formatResultsTable(floor, results)}\n`);
    console.log(
      'latency: publish() called → handler started, one event at a time; throughput: a burst, first ' +
        `publish → handler of its last event started, ${BURST_CONCURRENCY} publishes in flight. "vs floor": ` +
        "latency as a multiple of the raw NATS hop's, throughput as a share of its rate.",
    );
    const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en-US')} events/s`;
    for (const result of results)
      console.log(
        `${result.name}: with ${WIDE_BURST_CONCURRENCY} publishes in flight ${rate(result.wideBurstEventsPerSecond)}. ` +
          `Publishes alone (every publish() resolved, its event committed): ${rate(result.committedPerSecond.burst)} ` +
          `with ${BURST_CONCURRENCY} in flight, ${rate(result.committedPerSecond.wideBurst)} with ${WIDE_BURST_CONCURRENCY}.`,
      );
    if (postgres && jetstream)
      console.log(`\nIssue 14's targets:\n${formatTargetsTable(postgres, jetstream)}\n`);
    if (errors.length > 0)
      console.log(`Transport errors during the run (${errors.length}): ${errors.slice(0, 3).join('; ')}`);
    console.log(`Done in ${((performance.now() - runStarted) / 1_000).toFixed(1)} s.`);
  } finally {
    await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
    await nc?.close().catch(() => undefined);
    await Promise.all(clients.map((client) => client.$disconnect()));
    await Promise.all([nats?.dispose(), ...databases.map((database) => database.drop())]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
