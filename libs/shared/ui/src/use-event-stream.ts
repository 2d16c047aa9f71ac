'use client';
import { useEffect, useRef, useState } from 'react';

export type TEventStreamState = 'connecting' | 'open' | 'reconnecting';

export type TStreamedEvent = {
  /** The event's subject, e.g. `wissil.system.health`. */
  subject: string;
  /** The parsed envelope (`id`, `subject`, `occurredAt`, `data`, …). */
  envelope: { id: string; subject: string; occurredAt: string; data: unknown } & Record<string, unknown>;
  /** The stream position; the browser sends it back as Last-Event-ID when it reconnects. */
  cursor: string;
};

/**
 * Subscribes a client component to a Server-Sent Events route (see `eventStreamResponse` in
 * `@lumenforge/event-bus/server`) and calls `onEvent` for each of `subjects`. EventSource reconnects
 * by itself and resumes after the last event seen; when the server refuses the stream (an error
 * status) it is reopened after `reconnectMs`. Returns the connection state for a live indicator.
 */
export function useEventStream(
  url: string,
  subjects: readonly string[],
  onEvent: (event: TStreamedEvent) => void,
  options: { reconnectMs?: number } = {},
): TEventStreamState {
  const [state, setState] = useState<TEventStreamState>('connecting');
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const subjectKey = subjects.join(',');
  const reconnectMs = options.reconnectMs ?? 5_000;

  useEffect(() => {
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let isDisposed = false;
    const listener = (message: MessageEvent<string>) => {
      try {
        const envelope = JSON.parse(message.data) as TStreamedEvent['envelope'];
        onEventRef.current({ subject: message.type, envelope, cursor: message.lastEventId });
      } catch {
        // A malformed frame is skipped; the next one still arrives.
      }
    };
    const open = () => {
      source = new EventSource(url);
      source.onopen = () => setState('open');
      source.onerror = () => {
        if (isDisposed || !source) return;
        setState('reconnecting');
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          retryTimer = setTimeout(open, reconnectMs);
        }
      };
      for (const subject of subjectKey.split(',')) source.addEventListener(subject, listener);
    };
    open();
    return () => {
      isDisposed = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [url, subjectKey, reconnectMs]);

  return state;
}
