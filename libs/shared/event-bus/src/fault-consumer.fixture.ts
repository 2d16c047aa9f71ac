// A consumer process for consumer-crash.fault.integration.test.ts, which SIGKILLs it mid-batch:
//   node --import tsx libs/shared/event-bus/src/fault-consumer.fixture.ts '<TFaultConsumerConfig as JSON>'
// It subscribes one durable consumer with a slowish handler whose side effect is an audit row
// written through the handler's tx, and prints one JSON line per step on stdout:
//   {"type":"subscribed"}, {"type":"handling","count":n,"correlationId":…}, {"type":"stalled",…}
// With `stallAt`, the handler writes that event's row and then never returns, so a kill is
// guaranteed to land inside an open handler transaction; with `crashOn`, the process kills itself
// on that event (a poison message). SIGTERM closes it gracefully.
import { setTimeout as delay } from 'node:timers/promises';
import { createDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { connectNats, type NatsConnection } from '@lumenforge/nats/server';
import type { TEventBus, TEventHandler, TRetryPolicy } from './event-bus.types';
import { createNatsEventBus } from './nats-event-bus';
import { createPostgresEventBus } from './postgres-event-bus';

export type TFaultConsumerConfig = {
  transport: 'postgres' | 'nats';
  databaseUrl: string;
  /** Required for `nats`. */
  natsUrl?: string;
  consumer: string;
  subject: string;
  /** Time the handler takes per event, inside its transaction. */
  handlerDelayMs: number;
  /** The n-th handler call (1-based) writes its row, prints `stalled` and hangs until killed. */
  stallAt?: number;
  /** PostgreSQL transport: events per batch (the cursor is persisted once per batch). */
  batchSize?: number;
  /** NATS transport: ack wait and redelivery backoff. */
  redeliveryBackoffMs?: number[];
  /** NATS transport: deliveries before JetStream gives up on a message. */
  maxDeliver?: number;
  /** The process kills itself (SIGKILL) when its handler gets the event with this correlation id. */
  crashOn?: string;
};

const RETRY: TRetryPolicy = { attempts: 3, backoffMs: () => 50 };

const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as TFaultConsumerConfig;
  const db = createDbClient(config.databaseUrl, { poolMax: 3, applicationName: 'fault-consumer-fixture' });
  let nc: NatsConnection | undefined;
  const onError = (message: string) => print({ type: 'error', message });
  let bus: TEventBus<TDbTransaction>;
  if (config.transport === 'nats') {
    if (!config.natsUrl) throw new Error('natsUrl is required for the nats transport');
    nc = await connectNats({ servers: [config.natsUrl], name: 'fault-consumer-fixture' });
    bus = createNatsEventBus({
      db,
      databaseUrl: config.databaseUrl,
      nc,
      redeliveryBackoffMs: config.redeliveryBackoffMs,
      ...(config.maxDeliver ? { maxDeliver: config.maxDeliver } : {}),
      pollIntervalMs: 250,
      onError,
    });
  } else {
    bus = createPostgresEventBus({
      db,
      databaseUrl: config.databaseUrl,
      batchSize: config.batchSize,
      pollIntervalMs: 250,
      onError,
    });
  }

  let count = 0;
  const handler: TEventHandler<TDbTransaction> = async (event, { tx }) => {
    count += 1;
    if (event.correlationId === config.crashOn) {
      print({ type: 'crashing', count, correlationId: event.correlationId });
      process.kill(process.pid, 'SIGKILL');
    }
    await tx.$executeRaw`
      INSERT INTO audit_logs (action, target_type, target_id, correlation_id)
      VALUES ('test.side_effect', 'consumer', ${config.consumer}, ${event.correlationId})`;
    if (count === config.stallAt) {
      print({ type: 'stalled', count, correlationId: event.correlationId });
      await new Promise<never>(() => setInterval(() => undefined, 60_000)); // until SIGKILL
    }
    print({ type: 'handling', count, correlationId: event.correlationId });
    await delay(config.handlerDelayMs);
  };
  await bus.subscribe({ consumer: config.consumer, subject: config.subject, handler, retry: RETRY });
  print({ type: 'subscribed' });

  process.once('SIGTERM', () => {
    void (async () => {
      await bus.close();
      await nc?.close();
      await db.$disconnect();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  print({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
