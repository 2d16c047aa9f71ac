import { isValidSubjectPattern } from '@lumenforge/events';
import { processLogger } from '@lumenforge/observability/server';
import type { TEventEnvelope } from '@lumenforge/events';
import type { TEventBus } from './event-bus.types';

export type TEventStreamOptions = {
  bus: Pick<TEventBus, 'tail'>;
  /** Subject patterns the page gets, chosen by the route (never taken unchecked from the browser). */
  subjects: readonly string[];
  request: Request;
  /** Only events this accepts are sent (e.g. the signed-in user's workspace). Default: all. */
  filter?: (event: TEventEnvelope) => boolean;
  /** A comment line this often keeps proxies from closing an idle stream. Default 15 s. */
  heartbeatMs?: number;
  /** Tells EventSource how long to wait before reconnecting. Default 3 s. */
  retryMs?: number;
};

const encoder = new TextEncoder();

/** One SSE frame; `data` is JSON on one line, so no line of it can end the frame early. */
export function formatServerSentEvent(frame: { id: string; event: string; data: unknown }): string {
  return `id: ${frame.id}\nevent: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/**
 * A route handler's Server-Sent Events response streaming `subjects` from the bus: each event is
 * sent as `event: <subject>`, `id: <cursor>`, `data: <envelope JSON>`. A reconnecting EventSource
 * sends `Last-Event-ID` and gets what it missed; comments keep the connection alive; the tail
 * stops when the browser goes away.
 */
export function eventStreamResponse(options: TEventStreamOptions): Response {
  for (const subject of options.subjects)
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
            subjects: options.subjects,
            ...(lastEventId ? { after: lastEventId } : {}),
            signal: controller.signal,
          })) {
            if (options.filter && !options.filter(event)) continue;
            send(formatServerSentEvent({ id: cursor, event: event.subject, data: event }));
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
