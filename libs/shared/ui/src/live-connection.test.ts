import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LiveConnection,
  SubscriptionRegistry,
  liveStreamUrl,
  parseLiveMessage,
  type TChannelLike,
  type TEventSourceLike,
  type TLiveEvent,
  type TLockManagerLike,
} from './live-connection';

/** A server-side stream as the browser sees it: the test opens, feeds and fails it. */
class FakeEventSource implements TEventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  isClosed = false;
  constructor(readonly url: string) {}
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(cursor: string, topics: string[], subject: string, data: unknown = {}) {
    const event = { id: `e-${cursor}`, subject, occurredAt: '2026-12-07T08:00:00.000Z', data };
    this.onmessage?.(
      new MessageEvent('message', { data: JSON.stringify({ topics, event }), lastEventId: cursor }),
    );
  }
  fail() {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
  close() {
    this.isClosed = true;
    this.readyState = 2;
  }
  get topics() {
    return new URL(this.url, 'http://x').searchParams.get('topics');
  }
  get lastEventId() {
    return new URL(this.url, 'http://x').searchParams.get('lastEventId');
  }
}

/** Web Locks as the browser grants them: one holder per name, the next waiter when it lets go. */
class FakeLocks implements TLockManagerLike {
  private readonly queues = new Map<string, (() => Promise<void>)[]>();
  private readonly held = new Set<string>();
  request(name: string, callback: () => Promise<void>): Promise<unknown> {
    const queue = this.queues.get(name) ?? [];
    this.queues.set(name, queue);
    queue.push(callback);
    this.next(name);
    return Promise.resolve();
  }
  private next(name: string) {
    if (this.held.has(name)) return;
    const callback = this.queues.get(name)?.shift();
    if (!callback) return;
    this.held.add(name);
    void callback().finally(() => {
      this.held.delete(name);
      this.next(name);
    });
  }
}

/** The tabs of one origin: each gets real BroadcastChannels (Node's) and the shared locks. */
function origin() {
  const locks = new FakeLocks();
  const sources: FakeEventSource[] = [];
  const channels: TChannelLike[] = [];
  const tab = (reconnectMs = 20) =>
    new LiveConnection({
      url: '/api/events',
      locks,
      reconnectMs,
      createChannel: (name) => {
        const channel = new BroadcastChannel(name) as unknown as TChannelLike;
        channels.push(channel);
        return channel;
      },
      createEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
    });
  const openSources = () => sources.filter((source) => !source.isClosed);
  return { tab, sources, openSources };
}

const settle = (ms = 30) => delay(ms);
const opened: LiveConnection[] = [];
function track(connection: LiveConnection) {
  opened.push(connection);
  return connection;
}
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

describe('parseLiveMessage and liveStreamUrl', () => {
  it('reads a frame of the multiplexed stream and refuses anything else', () => {
    const event = { id: 'a', subject: 'wissil.tokens.updated', occurredAt: 'x', data: { version: 3 } };
    expect(parseLiveMessage(JSON.stringify({ topics: ['tokens'], event }), '42')).toEqual({
      subject: 'wissil.tokens.updated',
      envelope: event,
      topics: ['tokens'],
      cursor: '42',
    });
    expect(parseLiveMessage('not json', '1')).toBeNull();
    expect(parseLiveMessage(JSON.stringify({ event }), '1')).toBeNull();
  });

  it('asks for the topics and resumes after the cursor', () => {
    expect(liveStreamUrl('/api/events', ['health', 'tokens'], null)).toBe(
      '/api/events?topics=health%2Ctokens',
    );
    expect(liveStreamUrl('/api/events', ['tokens'], '17')).toBe('/api/events?topics=tokens&lastEventId=17');
  });
});

describe('SubscriptionRegistry', () => {
  it('dispatches by topic and subject, keeps going after a failing listener, and drops removed ones', () => {
    const registry = new SubscriptionRegistry();
    const seen: string[] = [];
    const event = (topics: TLiveEvent['topics'], subject: string): TLiveEvent => ({
      subject,
      topics,
      cursor: '1',
      envelope: { id: 'x', subject, occurredAt: 'now', data: {} },
    });
    registry.add('activity', [], () => {
      throw new Error('a broken listener');
    });
    registry.add('activity', [], (e) => seen.push(`activity:${e.subject}`));
    const removeHealth = registry.add('health', ['wissil.system.health'], (e) =>
      seen.push(`health:${e.subject}`),
    );
    registry.add('tokens', ['wissil.tokens.updated'], (e) => seen.push(`tokens:${e.subject}`));
    expect(registry.topics()).toEqual(['activity', 'health', 'tokens']);

    const original = console.error;
    console.error = () => undefined;
    try {
      registry.dispatch(event(['activity', 'tokens'], 'wissil.tokens.updated'));
      registry.dispatch(event(['health'], 'wissil.system.health'));
      registry.dispatch(event(['health'], 'wissil.system.alert'));
      removeHealth();
      registry.dispatch(event(['health'], 'wissil.system.health'));
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([
      'activity:wissil.tokens.updated',
      'tokens:wissil.tokens.updated',
      'health:wissil.system.health',
    ]);
    expect(registry.topics()).toEqual(['activity', 'tokens']);
  });
});

describe('LiveConnection: one stream per origin, shared by its tabs', () => {
  it('opens one stream for every topic of every tab; the others get each event relayed', async () => {
    const { tab, openSources } = origin();
    const home = track(tab());
    const seenHome: string[] = [];
    home.subscribe('health', [], (e) => seenHome.push(e.cursor));
    home.subscribe('tokens', [], (e) => seenHome.push(`t${e.cursor}`));
    await settle();
    expect(home.isLeader).toBe(true);
    expect(openSources()).toHaveLength(1);
    expect(openSources()[0]?.topics).toBe('health,tokens');
    openSources()[0]?.open();

    const tabs = [1, 2, 3, 4].map(() => track(tab()));
    const seen = tabs.map(() => [] as string[]);
    tabs.forEach((other, index) => other.subscribe('tokens', [], (e) => seen[index]?.push(e.cursor)));
    tabs[3]?.subscribe('activity', [], (e) => seen[3]?.push(`a${e.cursor}`));
    await settle();
    // Four more tabs, still one stream: reopened once with the activity topic a tab added.
    expect(tabs.every((other) => !other.isLeader)).toBe(true);
    expect(openSources()).toHaveLength(1);
    expect(openSources()[0]?.topics).toBe('activity,health,tokens');
    const stream = openSources()[0];
    stream?.open();
    await settle();
    expect(tabs.map((other) => other.state)).toEqual(['open', 'open', 'open', 'open']);

    stream?.send('5', ['tokens', 'activity'], 'wissil.tokens.updated');
    stream?.send('6', ['health'], 'wissil.system.health');
    await settle();
    expect(seenHome).toEqual(['t5', '6']);
    expect(seen).toEqual([['5'], ['5'], ['5'], ['5', 'a5']]);
  });

  it('hands the stream to another tab when the leader closes, resuming after the last event relayed', async () => {
    const { tab, openSources } = origin();
    const first = track(tab());
    first.subscribe('tokens', [], () => undefined);
    await settle();
    openSources()[0]?.open();
    const second = track(tab());
    const received: string[] = [];
    second.subscribe('tokens', [], (e) => received.push(e.cursor));
    await settle();
    openSources()[0]?.send('41', ['tokens'], 'wissil.tokens.updated');
    await settle();
    expect(received).toEqual(['41']);

    first.close();
    await settle();
    expect(second.isLeader).toBe(true);
    expect(openSources()).toHaveLength(1);
    expect(openSources()[0]?.lastEventId).toBe('41');
    openSources()[0]?.open();
    openSources()[0]?.send('42', ['tokens'], 'wissil.tokens.updated');
    expect(received).toEqual(['41', '42']);
  });

  it('opens the stream again after the server refused it, from the last cursor', async () => {
    const { tab, sources } = origin();
    const only = track(tab(10));
    const states: string[] = [];
    only.onStateChange((state) => states.push(state));
    only.subscribe('tokens', [], () => undefined);
    await settle();
    sources[0]?.open();
    sources[0]?.send('7', ['tokens'], 'wissil.tokens.updated');
    sources[0]?.fail();
    await settle(40);
    expect(sources).toHaveLength(2);
    expect(sources[1]?.lastEventId).toBe('7');
    sources[1]?.open();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('ends in every tab when the session topic says this session was signed out', async () => {
    const { tab, openSources } = origin();
    const leader = track(tab());
    const follower = track(tab());
    const signals: string[] = [];
    leader.subscribe('session', [], () => signals.push('leader'));
    follower.subscribe('session', [], () => signals.push('follower'));
    await settle();
    openSources()[0]?.open();
    openSources()[0]?.send('9', ['session'], 'wissil.user.logout', { userId: 'u', reason: 'user' });
    await settle();
    expect(signals.sort()).toEqual(['follower', 'leader']);
    expect([leader.state, follower.state]).toEqual(['ended', 'ended']);
    expect(openSources()).toHaveLength(0);
  });

  it('leads alone, one stream per tab, where the browser has no Web Locks', async () => {
    const sources: FakeEventSource[] = [];
    const connection = track(
      new LiveConnection({
        url: '/api/events',
        locks: null,
        createChannel: null,
        createEventSource: (url) => {
          const source = new FakeEventSource(url);
          sources.push(source);
          return source;
        },
      }),
    );
    connection.subscribe('tokens', [], () => undefined);
    await settle();
    expect(connection.isLeader).toBe(true);
    expect(sources.map((source) => source.topics)).toEqual(['tokens']);
  });
});
