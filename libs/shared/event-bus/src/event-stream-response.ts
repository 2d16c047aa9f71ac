import { isValidSubjectPattern, subjectMatches } from '@lumenforge/events';
import { processLogger } from '@lumenforge/observability/server';
import type { TEventEnvelope } from '@lumenforge/events';
import type { TEventBus } from './event-bus.types';

/** One topic of a multiplexed stream: the subjects it covers and which of their events it passes. */
export type TEventStreamTopic = {
  /** Subject patterns, chosen by the route (never taken unchecked from the browser). */
  subjects: readonly string[];
  /** Only events this accepts belong to the topic (e.g. the signed-in user's workspace). Default: all. */
  filter?: (event: TEventEnvelope) => boolean;
};

export type TEventStreamOptions = {
  bus: Pick<TEventBus, 'tail'>;
  /** The topics this stream carries, by name: one tail over all their subjects. */
  topics: Readonly<Record<string, TEventStreamTopic>>;
  request: Request;
  /** After sending an event this accepts, the stream ends (e.g. the session it serves was signed out). */
  closeAfter?: (event: TEventEnvelope) => boolean;
  /** A comment line this often keeps proxies from closing an idle stream. Default 15 s. */
  heartbeatMs?: number;
  /** Tells EventSource how long to wait before reconnecting. Default 3 s. */
  retryMs?: number;
};

/** What one `data:` line of the stream holds: the envelope and the requested topics it belongs to. */
export type TEventStreamFrame = { topics: string[]; event: TEventEnvelope };

const encoder = new TextEncoder();

/**
 * One SSE frame; `data` is JSON on one line, so no line of it can end the frame early. Without
 * `event` it is a plain message: one `onmessage` handler gets every topic of a multiplexed stream.
 */
export function formatServerSentEvent(frame: { id: string; event?: string; data: unknown }): string {
  const type = frame.event ? `event: ${frame.event}\n` : '';
  return `id: ${frame.id}\n${type}data: ${JSON.stringify(frame.data)}\n\n`;
}

/** The names of the topics `event` belongs to, in the order they were given. */
export function topicsOf(topics: TEventStreamOptions['topics'], event: TEventEnvelope): string[] {
  return Object.entries(topics)
    .filter(
      ([, topic]) =>
        topic.subjects.some((pattern) => subjectMatches(pattern, event.subject)) &&
        (!topic.filter || topic.filter(event)),
    )
    .map(([name]) => name);
}

/**
 * A route handler's Server-Sent Events response multiplexing `topics` from the bus over one
 * connection: one tail over every topic's subjects; each event that belongs to at least one topic
 * is sent once as `id: <cursor>`, `data: {"topics":[…],"event":<envelope>}`. The cursor is the
 * bus's, shared by all topics, so a reconnecting EventSource (`Last-Event-ID`, or `?lastEventId=`
 * for a new one) gets what it missed of every topic; comments keep the connection alive; the tail
 * stops when the browser goes away.
 */
export function eventStreamResponse(options: TEventStreamOptions): Response {
  const subjects = [...new Set(Object.values(options.topics).flatMap((topic) => topic.subjects))];
  if (subjects.length === 0) throw new Error('An event stream needs at least one topic with subjects');
  for (const subject of subjects)
    if (!isValidSubjectPattern(subject)) throw new Error(`Invalid subject pattern "${subject}"`);
  const { request } = options;
  const lastEventId =
    request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId') ?? undefined;
  const controller = new AbortController();
  const abort = () => controller.abort();
  request.signal.addEventListener('abort', abort, { once: true });
  let heartbeat: NodeJS.Timeout | undefined;

  const stream = new ReadableStream<Uint8Array>({
    start: (sink) => {
      const send = (text: string) => {
        if (!controller.signal.aborted) sink.enqueue(encoder.encode(text));
      };
      send(`retry: ${options.retryMs ?? 3_000}\n: connected\n\n`);
      heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
      void (async () => {
        try {
          for await (const { cursor, event } of options.bus.tail({
            subjects,
            ...(lastEventId ? { after: lastEventId } : {}),
            signal: controller.signal,
          })) {
            const topics = topicsOf(options.topics, event);
            if (topics.length > 0) {
              const frame: TEventStreamFrame = { topics, event };
              send(formatServerSentEvent({ id: cursor, data: frame }));
            }
            if (options.closeAfter?.(event)) break;
          }
        } catch (error) {
          // The browser reconnects (with Last-Event-ID) after `retry`.
          if (!controller.signal.aborted)
            processLogger().error({ component: 'event-stream', err: error }, 'event stream failed');
        } finally {
          clearInterval(heartbeat);
          request.signal.removeEventListener('abort', abort);
          if (!controller.signal.aborted) {
            controller.abort();
            sink.close();
          }
        }
      })();
    },
    cancel: () => {
      clearInterval(heartbeat);
      controller.abort();
    },
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'X-Accel-Buffering': 'no',
    },
  });
}
