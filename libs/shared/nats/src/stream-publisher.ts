import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';

/** One message for the stream: `msgId` is its `Nats-Msg-Id` (a repeat within the duplicate window is dropped). */
export type TStreamMessage = { subject: string; data: string; msgId: string };

export type TStreamPublisher = {
  /**
   * Publishes `messages` in this order and resolves once the stream stored every one of them (or
   * dropped it as a duplicate of its id); rejects with the first failure or after the timeout.
   */
  publishAll: (messages: readonly TStreamMessage[]) => Promise<void>;
  close: () => void;
};

/** JetStream's answer to a publish (`PubAck`, or an API error). */
type TPubAckResponse = {
  stream?: string;
  seq?: number;
  duplicate?: boolean;
  error?: { code: number; description: string };
};

type TPendingBatch = {
  remaining: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

/**
 * JetStream publishes as a batch: each message is a core publish with `Nats-Msg-Id`,
 * `Nats-Expected-Stream` and a reply subject under one inbox this publisher subscribes to once,
 * and the batch settles when every acknowledgement arrived. The same protocol as `js.publish`
 * (which is a request per message), without its per-message request, timer and error objects:
 * the event relay publishes every event through here. The messages of a batch go out in one write
 * and the server stores them in that order.
 */
export function createStreamPublisher(
  nc: NatsConnection,
  options: { stream: string; timeoutMs?: number },
): TStreamPublisher {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const inbox = createInbox();
  // Reply token (`<inbox>.<n>`) → the batch the message belongs to.
  const pending = new Map<number, TPendingBatch>();
  let nextToken = 0;
  let subscription: Subscription | undefined;

  const settle = (batch: TPendingBatch, error?: Error) => {
    if (batch.remaining < 0) return; // already settled
    batch.remaining = -1;
    clearTimeout(batch.timer);
    if (!error) return batch.resolve(); // every token was taken off as its acknowledgement came
    for (const [token, owner] of pending) if (owner === batch) pending.delete(token);
    batch.reject(error);
  };

  const onAck = (error: Error | null, message: Msg) => {
    if (error) return; // the subscription closed: pending batches time out
    const token = Number(message.subject.slice(inbox.length + 1));
    const batch = pending.get(token);
    if (!batch) return; // a late answer to a batch that already failed
    pending.delete(token);
    if (message.data.length === 0 && message.headers?.code === 503)
      return settle(batch, new Error(`no JetStream stream listens on this subject (503 no responders)`));
    const response = message.json<TPubAckResponse>();
    if (response.error)
      return settle(
        batch,
        new Error(`JetStream refused a publish: ${response.error.description} (${response.error.code})`),
      );
    if (response.stream !== options.stream)
      return settle(
        batch,
        new Error(`JetStream stored a message in ${String(response.stream)}, not ${options.stream}`),
      );
    batch.remaining -= 1;
    if (batch.remaining === 0) settle(batch);
  };

  return {
    publishAll: (messages) =>
      new Promise<void>((resolve, reject) => {
        if (messages.length === 0) return resolve();
        subscription ??= nc.subscribe(`${inbox}.*`, { callback: onAck });
        const batch: TPendingBatch = {
          remaining: messages.length,
          resolve,
          reject,
          timer: setTimeout(
            () =>
              settle(
                batch,
                new Error(
                  `JetStream did not acknowledge ${messages.length} publishes within ${timeoutMs} ms`,
                ),
              ),
            timeoutMs,
          ),
        };
        try {
          for (const message of messages) {
            const token = nextToken++;
            pending.set(token, batch);
            const messageHeaders = headers();
            messageHeaders.set('Nats-Msg-Id', message.msgId);
            messageHeaders.set('Nats-Expected-Stream', options.stream);
            nc.publish(message.subject, message.data, {
              reply: `${inbox}.${token}`,
              headers: messageHeaders,
            });
          }
        } catch (error) {
          settle(batch, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    close: () => {
      subscription?.unsubscribe();
      subscription = undefined;
      for (const batch of new Set(pending.values())) settle(batch, new Error('stream publisher closed'));
    },
  };
}
