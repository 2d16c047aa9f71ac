'use client';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { LIVE_EVENTS_PATH, type TLiveTopic } from '@lumenforge/config';
import { LiveConnection, type TLiveConnectionState, type TLiveEvent } from './live-connection';

export type TEventStreamState = TLiveConnectionState;
export type TStreamedEvent = TLiveEvent;

const connections = new Map<string, LiveConnection>();

/**
 * This tab's share of the origin's live connection at `url` (one per tab, created on first use):
 * Web Locks elect the tab that holds the stream, BroadcastChannel relays it (live-connection.ts).
 */
export function sharedLiveConnection(url: string = LIVE_EVENTS_PATH): LiveConnection {
  let connection = connections.get(url);
  if (connection) return connection;
  connection = new LiveConnection({
    url,
    createEventSource: (streamUrl) => new EventSource(streamUrl),
    locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
    createChannel: typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name),
  });
  connections.set(url, connection);
  const created = connection;
  // A page leaving for good hands the stream to another tab at once (the lock would go anyway).
  window.addEventListener('pagehide', (event) => {
    if (event.persisted) return;
    created.close();
    connections.delete(url);
  });
  return connection;
}

/**
 * Subscribes a client component to `topic` of the app's live connection (`GET /api/events`,
 * shared by every component and every tab of the origin) and calls `onEvent` for each event of
 * `subjects` (all of the topic's when empty). Returns the connection state for a live indicator:
 * `open`, `connecting`, `reconnecting`, or `ended` once this session was signed out.
 */
export function useEventStream(
  topic: TLiveTopic,
  subjects: readonly string[],
  onEvent: (event: TStreamedEvent) => void,
  options: { url?: string } = {},
): TEventStreamState {
  const url = options.url ?? LIVE_EVENTS_PATH;
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const subjectKey = subjects.join(',');
  const connection = typeof window === 'undefined' ? null : sharedLiveConnection(url);

  const subscribeState = useCallback(
    (listener: () => void) => connection?.onStateChange(listener) ?? (() => undefined),
    [connection],
  );
  const state = useSyncExternalStore(
    subscribeState,
    () => connection?.state ?? 'connecting',
    () => 'connecting' as const,
  );

  useEffect(() => {
    if (!connection) return;
    return connection.subscribe(topic, subjectKey ? subjectKey.split(',') : [], (event) =>
      onEventRef.current(event),
    );
  }, [connection, topic, subjectKey]);

  return state;
}
