import { nanos } from '@nats-io/nats-core';
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@lumenforge/nats/server';
import type { BuildRepository, TClaimedRow } from './build.repository';

export type TQueueClaim = {
  row: TClaimedRow;
  /** Tells the queue the job is still being worked on (JetStream: `working()` resets the ack wait). */
  extend(): Promise<void>;
  /** The build reached a final state: remove the job. */
  done(): Promise<void>;
  /** This worker gives the job up without finishing it (it lost the lease): let another take it. */
  abandon(): Promise<void>;
};

/** The build queue behind one interface: PostgreSQL (single-node) or a JetStream work-queue stream (cluster). */
export interface IBuildQueue {
  readonly kind: 'postgres' | 'jetstream';
  /** Makes a created build's job visible to workers. */
  enqueue(buildId: string): Promise<void>;
  /** The next job for this worker, or null when there is none right now. */
  claim(workerId: string, leaseMs: number): Promise<TQueueClaim | null>;
  close(): Promise<void>;
}

/**
 * Single-node: the `builds` row is the job. Claiming is `FOR UPDATE SKIP LOCKED` with a lease, so a
 * build whose worker died is taken again when the lease runs out; at most one worker holds it.
 */
export class PostgresBuildQueue implements IBuildQueue {
  readonly kind = 'postgres' as const;
  constructor(private readonly repo: BuildRepository) {}

  async enqueue(): Promise<void> {
    // The row itself (status queued) is the job; nothing else to write.
  }

  async claim(workerId: string, leaseMs: number): Promise<TQueueClaim | null> {
    const row = await this.repo.claimNext(workerId, leaseMs);
    if (!row) return null;
    const noop = async () => undefined;
    return { row, extend: noop, done: noop, abandon: noop };
  }

  async close(): Promise<void> {
    // nothing held
  }
}

export const BUILD_QUEUE_STREAM = 'IGNIS_BUILDS';
export const BUILD_QUEUE_SUBJECT = 'ignis.builds.jobs';
export const BUILD_QUEUE_CONSUMER = 'ignis-builder';

/**
 * Cluster mode: a JetStream stream with work-queue retention (a message is removed when acked) and one
 * durable pull consumer shared by every builder process, so each job goes to one worker at a time. A
 * worker that dies stops acking; after `ackWaitMs` JetStream redelivers the job to another worker, which
 * takes the build row over once its lease (same length) expired. The row's lease fences stale workers,
 * so the build completes once even if a message is delivered twice.
 */
export class JetStreamBuildQueue implements IBuildQueue {
  readonly kind = 'jetstream' as const;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly repo: BuildRepository,
    private readonly stream: string,
  ) {}

  static async create(
    nc: NatsConnection,
    repo: BuildRepository,
    options: { ackWaitMs: number; stream?: string; subject?: string; consumer?: string },
  ): Promise<JetStreamBuildQueue> {
    const stream = options.stream ?? BUILD_QUEUE_STREAM;
    const jsm = await jetstreamManager(nc);
    const config = {
      name: stream,
      subjects: [options.subject ?? BUILD_QUEUE_SUBJECT],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(10 * 60_000),
    };
    try {
      await jsm.streams.info(stream);
    } catch {
      await jsm.streams.add(config);
    }
    const consumer = options.consumer ?? BUILD_QUEUE_CONSUMER;
    try {
      await jsm.consumers.info(stream, consumer);
    } catch {
      await jsm.consumers.add(stream, {
        durable_name: consumer,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(options.ackWaitMs),
        max_deliver: -1,
      });
    }
    const queue = new JetStreamBuildQueue(nc, repo, stream);
    queue.subject = options.subject ?? BUILD_QUEUE_SUBJECT;
    queue.consumerName = consumer;
    return queue;
  }

  private subject = BUILD_QUEUE_SUBJECT;
  private consumerName = BUILD_QUEUE_CONSUMER;

  async enqueue(buildId: string): Promise<void> {
    // The build id as Nats-Msg-Id: enqueueing the same build twice inside the window is one job.
    await jetstream(this.nc).publish(this.subject, JSON.stringify({ buildId }), { msgID: buildId });
  }

  async claim(workerId: string, leaseMs: number): Promise<TQueueClaim | null> {
    const consumer = await jetstream(this.nc).consumers.get(this.stream, this.consumerName);
    // fetch expiries under 1 s are refused by the server (MACHINE-NOTES).
    const message = await consumer.next({ expires: 1_000 });
    if (!message) return null;
    const buildId = parseJob(message);
    if (!buildId) {
      message.term('not a build job');
      return null;
    }
    const claimed = await this.repo.claimById(buildId, workerId, leaseMs);
    if (claimed === 'done') {
      message.ack();
      return null;
    }
    if (claimed === 'missing') {
      // Published before its row committed, or the build was deleted: retry a few times, then drop it.
      if (message.info.deliveryCount > 20) message.term('no such build');
      else message.nak(1_000);
      return null;
    }
    if (claimed === 'busy') {
      // Another live worker holds the row (a duplicate delivery): look again after its lease.
      message.nak(leaseMs);
      return null;
    }
    return {
      row: claimed,
      extend: async () => message.working(),
      done: async () => {
        await message.ackAck().catch(() => message.ack());
      },
      abandon: async () => message.nak(),
    };
  }

  async close(): Promise<void> {
    // The connection belongs to the caller.
  }
}

/**
 * Cluster mode: the API only writes the build row; this publishes a job for every queued build of the
 * last ten minutes, every `everyMs`. The build id is the Nats-Msg-Id, so republishing inside the
 * stream's duplicate window (10 min) is dropped by JetStream, and a job published twice anyway is
 * harmless (the row's lease decides who builds).
 */
export function startJetStreamDispatcher(
  repo: BuildRepository,
  queue: IBuildQueue,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): { stop: () => void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    repo
      .queuedIds(9 * 60_000)
      .then(async (ids) => {
        for (const id of ids) await queue.enqueue(id);
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        busy = false;
      });
  }, options.everyMs ?? 1_000);
  return { stop: () => clearInterval(timer) };
}

function parseJob(message: JsMsg): string | null {
  try {
    const body = JSON.parse(message.string()) as { buildId?: unknown };
    return typeof body.buildId === 'string' && /^[0-9a-f-]{36}$/i.test(body.buildId) ? body.buildId : null;
  } catch {
    return null;
  }
}
