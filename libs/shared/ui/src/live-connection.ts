/**
 * The browser side of an origin's ONE live connection (`GET /api/events?topics=…`, see
 * `LIVE_EVENTS_PATH` in `@lumenforge/config`). Browsers allow six HTTP/1.1 connections per host; a
 * stream per topic per tab used them all up with two tabs, and every further request (pages,
 * sign-out, `/api/health`) hung. So:
 *
 * - one `EventSource` per origin, multiplexing every topic any open tab of that origin needs;
 * - the tabs elect a leader with a Web Lock: the lock's holder opens the stream and relays each
 *   event to the other tabs over a `BroadcastChannel`; when it closes, the lock passes to the next
 *   tab, which opens the stream again after the last event relayed (`lastEventId`), so nothing is
 *   lost in the hand-over;
 * - every tab announces the topics its components subscribe to; when the union grows the leader
 *   reconnects with the larger set, resuming after its last cursor.
 *
 * Without Web Locks or BroadcastChannel each tab is its own leader (one connection per tab).
 * Framework-free; `useEventStream` (use-event-stream.ts) is the React face of it.
 */
import type { TLiveFrame, TLiveTopic } from '@lumenforge/config';

/** `ended`: this session was signed out; the stream is closed for good. */
export type TLiveConnectionState = 'connecting' | 'open' | 'reconnecting' | 'ended';

export type TLiveEvent = {
  /** The event's subject, e.g. `wissil.system.health`. */
  subject: string;
  /** The parsed envelope (`id`, `subject`, `occurredAt`, `data`, …). */
  envelope: TLiveFrame['event'];
  /** The requested topics the event belongs to. */
  topics: TLiveTopic[];
  /** The stream position a new connection resumes after. */
  cursor: string;
};

/** The part of `EventSource` used here (a fake in unit tests). */
export type TEventSourceLike = {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
};

/** The part of `BroadcastChannel` used here. */
export type TChannelLike = {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
};

/** The part of `navigator.locks` used here: the callback holds the lock until its promise settles. */
export type TLockManagerLike = {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
};

export type TLiveConnectionOptions = {
  /** Same-origin path of the multiplexed stream, e.g. `/api/events`. */
  url: string;
  createEventSource: (url: string) => TEventSourceLike;
  /** Null: no cross-tab sharing (this tab leads alone). */
  locks: TLockManagerLike | null;
  createChannel: ((name: string) => TChannelLike) | null;
  /** After the server refused the stream (an error status), open it again after this long. */
  reconnectMs?: number;
};

const EVENT_SOURCE_CLOSED = 2;

type TTabMessage =
  | { type: 'hello'; tabId: string }
  | { type: 'topics'; tabId: string; topics: TLiveTopic[] }
  | { type: 'bye'; tabId: string }
  | { type: 'event'; event: TLiveEvent }
  | { type: 'state'; state: TLiveConnectionState };

type TSubscriber = {
  topic: TLiveTopic;
  /** Null: every subject of the topic. */
  subjects: ReadonlySet<string> | null;
  onEvent: (event: TLiveEvent) => void;
};

/** One `data:` line of the stream as an event, or null when it is not a frame of ours. */
export function parseLiveMessage(data: string, cursor: string): TLiveEvent | null {
  try {
    const frame = JSON.parse(data) as Partial<TLiveFrame>;
    const envelope = frame.event;
    if (!envelope || typeof envelope.subject !== 'string' || !Array.isArray(frame.topics)) return null;
    return { subject: envelope.subject, envelope, topics: frame.topics, cursor };
  } catch {
    return null;
  }
}

/** The components of one tab that listen, by topic and subject. */
export class SubscriptionRegistry {
  private readonly subscribers = new Set<TSubscriber>();

  /** Adds a listener of `topic` (only `subjects`, or all when empty); returns its removal. */
  add(topic: TLiveTopic, subjects: readonly string[], onEvent: (event: TLiveEvent) => void): () => void {
    const subscriber: TSubscriber = {
      topic,
      subjects: subjects.length > 0 ? new Set(subjects) : null,
      onEvent,
    };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** The topics someone in this tab listens to, sorted (a stable key for the connection). */
  topics(): TLiveTopic[] {
    return [...new Set([...this.subscribers].map((subscriber) => subscriber.topic))].sort();
  }

  /** Calls each listener whose topic the event belongs to and whose subjects include it. */
  dispatch(event: TLiveEvent): void {
    for (const subscriber of [...this.subscribers]) {
      if (!event.topics.includes(subscriber.topic)) continue;
      if (subscriber.subjects && !subscriber.subjects.has(event.subject)) continue;
      try {
        subscriber.onEvent(event);
      } catch (error) {
        // One component's failure must not cut the others off the stream.
        console.error('live event listener failed', error);
      }
    }
  }
}

/** The stream URL for `topics`, resuming after `cursor` when there is one. */
export function liveStreamUrl(path: string, topics: readonly string[], cursor: string | null): string {
  const params = new URLSearchParams({ topics: topics.join(',') });
  if (cursor) params.set('lastEventId', cursor);
  return `${path}?${params.toString()}`;
}

/** One tab's share of the origin's live connection (see the file comment). */
export class LiveConnection {
  readonly tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private readonly registry = new SubscriptionRegistry();
  private readonly peers = new Map<string, TLiveTopic[]>();
  private readonly stateListeners = new Set<(state: TLiveConnectionState) => void>();
  private readonly channel: TChannelLike | null;
  private readonly reconnectMs: number;
  private currentState: TLiveConnectionState = 'connecting';
  private leading = false;
  private source: TEventSourceLike | null = null;
  private sourceTopics: TLiveTopic[] = [];
  private cursor: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private isSyncQueued = false;
  private isClosed = false;
  private releaseLock: (() => void) | undefined;
  private announcedTopics = '';

  constructor(private readonly options: TLiveConnectionOptions) {
    this.reconnectMs = options.reconnectMs ?? 5_000;
    const name = `lumenforge-live:${options.url}`;
    this.channel = options.locks && options.createChannel ? options.createChannel(name) : null;
    if (!this.channel || !options.locks) {
      this.leading = true;
      return;
    }
    this.channel.onmessage = (message) => this.receive(message.data as TTabMessage);
    this.post({ type: 'hello', tabId: this.tabId });
    // Queued behind the current leader; granted when it goes (its tab closed or navigated away).
    void options.locks
      .request(name, () => {
        if (this.isClosed) return Promise.resolve();
        this.becomeLeader();
        return new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch(() => undefined);
  }

  get state(): TLiveConnectionState {
    return this.currentState;
  }

  /** Whether this tab holds the stream (and relays it to the others). */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Listens to `topic` (only `subjects`, or every subject when empty); returns the unsubscribe. */
  subscribe(topic: TLiveTopic, subjects: readonly string[], onEvent: (event: TLiveEvent) => void): () => void {
    const remove = this.registry.add(topic, subjects, onEvent);
    this.topicsChanged();
    return () => {
      remove();
      this.topicsChanged();
    };
  }

  /** Calls `listener` on every change of the connection state; returns the removal. */
  onStateChange(listener: (state: TLiveConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** This tab leaves (page hidden for good): the stream, the lock and the channel are released. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.post({ type: 'bye', tabId: this.tabId });
    this.channel?.close();
    this.releaseLock?.();
    this.leading = false;
  }

  private post(message: TTabMessage): void {
    if (this.isClosed && message.type !== 'bye') return;
    try {
      this.channel?.postMessage(message);
    } catch {
      // The channel is closed (the tab is going away).
    }
  }

  private setState(state: TLiveConnectionState): void {
    if (this.currentState === 'ended') return;
    if (this.leading) this.post({ type: 'state', state });
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private topicsChanged(): void {
    const topics = this.registry.topics();
    const key = topics.join(',');
    if (key !== this.announcedTopics) {
      this.announcedTopics = key;
      this.post({ type: 'topics', tabId: this.tabId, topics });
    }
    if (this.leading) this.queueSync();
  }

  private receive(message: TTabMessage): void {
    if (this.isClosed) return;
    switch (message.type) {
      case 'hello':
        // A new tab: tell it what this tab needs (it may lead one day) and, from the leader, the state.
        this.post({ type: 'topics', tabId: this.tabId, topics: this.registry.topics() });
        if (this.leading) this.post({ type: 'state', state: this.currentState });
        return;
      case 'topics':
        this.peers.set(message.tabId, message.topics);
        if (this.leading) this.queueSync();
        return;
      case 'bye':
        this.peers.delete(message.tabId);
        return;
      case 'event':
        if (!this.leading) this.deliver(message.event);
        return;
      case 'state':
        if (!this.leading) this.setState(message.state);
        return;
    }
  }

  private becomeLeader(): void {
    this.leading = true;
    this.queueSync();
  }

  /** Every topic some tab of this origin needs. */
  private wantedTopics(): TLiveTopic[] {
    const all = new Set<TLiveTopic>(this.registry.topics());
    for (const topics of this.peers.values()) for (const topic of topics) all.add(topic);
    return [...all].sort();
  }

  /** Coalesces the subscriptions of one render into one (re)connection. */
  private queueSync(): void {
    if (this.isSyncQueued) return;
    this.isSyncQueued = true;
    queueMicrotask(() => {
      this.isSyncQueued = false;
      this.sync();
    });
  }

  /**
   * Opens the stream when some topic is wanted and none is open, or reopens it (after the last
   * cursor) when a wanted topic is not on it. Topics no longer wanted stay until the next
   * reconnect: their events are simply not dispatched.
   */
  private sync(): void {
    if (!this.leading || this.isClosed || this.currentState === 'ended') return;
    const wanted = this.wantedTopics();
    if (wanted.length === 0) return;
    if (this.source && wanted.every((topic) => this.sourceTopics.includes(topic))) return;
    this.open([...new Set([...this.sourceTopics, ...wanted])].sort());
  }

  private open(topics: TLiveTopic[]): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.sourceTopics = topics;
    const source = this.options.createEventSource(liveStreamUrl(this.options.url, topics, this.cursor));
    this.source = source;
    source.onopen = () => this.setState('open');
    source.onmessage = (message) => {
      const event = parseLiveMessage(message.data, message.lastEventId);
      if (!event) return;
      this.post({ type: 'event', event });
      this.deliver(event);
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.setState('reconnecting');
      // EventSource retries by itself after a dropped connection; after an error status it gives up.
      if (source.readyState === EVENT_SOURCE_CLOSED) {
        source.close();
        this.source = null;
        this.retryTimer = setTimeout(() => this.sync(), this.reconnectMs);
      }
    };
  }

  private deliver(event: TLiveEvent): void {
    if (event.cursor) this.cursor = event.cursor;
    this.registry.dispatch(event);
    // The session this stream served ended: the server closes it; reconnecting would only be refused.
    if (event.topics.includes('session')) this.end();
  }

  private end(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.setState('ended');
  }
}
