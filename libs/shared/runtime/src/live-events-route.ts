/**
 * `GET /api/events?topics=…` of every app: the page's ONE live connection, multiplexing every
 * topic it needs (see `LIVE_EVENTS_PATH` in `@lumenforge/config`). Browsers allow six HTTP/1.1
 * connections per host; the old stream per topic (three on LANDING's home page) per tab left no
 * connection for anything else once two tabs were open. The browser side shares this connection
 * between every tab of the origin (`useEventStream` of `@lumenforge/ui`).
 */
import type { TPrincipal } from '@lumenforge/auth';
import { isLiveTopic, type TLiveTopic } from '@lumenforge/config';
import { eventStreamResponse, type TEventStreamTopic } from '@lumenforge/event-bus/server';
import type { TEventEnvelope } from '@lumenforge/events';
import { apiRoute, InvalidRequestError } from './api-route';
import type { TPlatformRuntime } from './runtime';

/** A topic as the signed-in principal may see it: its subjects and the filter of what it may see. */
export type TLiveTopicDefinition = (principal: TPrincipal) => TEventStreamTopic;

/**
 * True for the `wissil.user.logout` that ends `principal`'s session: its own sign-out (the event
 * names the session) or the end of every session of the user (sign out everywhere, deactivation).
 */
export function endsSessionOf(principal: Pick<TPrincipal, 'userId' | 'sessionId'>) {
  return (event: TEventEnvelope): boolean => {
    if (event.subject !== 'wissil.user.logout') return false;
    const data = event.data as { userId?: unknown; sessionId?: unknown };
    if (data.userId !== principal.userId) return false;
    return data.sessionId === undefined || data.sessionId === principal.sessionId;
  };
}

/** The topics every app serves. */
export const SHARED_LIVE_TOPICS = {
  /** The workspace's published token version (live restyling). */
  tokens: (principal) => ({
    subjects: ['wissil.tokens.updated'],
    filter: (event) => event.workspaceId === principal.workspaceId,
  }),
  /** This session ended (sign-out in another tab or app, sign out everywhere, deactivation). */
  session: (principal) => ({ subjects: ['wissil.user.logout'], filter: endsSessionOf(principal) }),
} satisfies Partial<Record<TLiveTopic, TLiveTopicDefinition>>;

const MAX_TOPICS = 8;

/** The requested topic names, each known and served here; otherwise a 400 naming what is served. */
export function parseLiveTopics(
  value: string | null,
  served: Partial<Record<TLiveTopic, TLiveTopicDefinition>>,
): TLiveTopic[] {
  const names = [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  const offered = Object.keys(served).join(', ');
  if (names.length === 0 || names.length > MAX_TOPICS)
    throw new InvalidRequestError(`Ask for one or more topics: ?topics= with any of ${offered}`);
  for (const name of names)
    if (!isLiveTopic(name) || !served[name])
      throw new InvalidRequestError(`Unknown topic "${name.slice(0, 40)}"; this app streams ${offered}`);
  return names as TLiveTopic[];
}

/**
 * The route handler of `GET /api/events?topics=a,b`: a signed-in principal's multiplexed stream of
 * the requested topics, each filtered to what that principal may see; the shared topics (`tokens`,
 * `session`) plus `extraTopics` are served. The stream ends after the event that ends this
 * session, so a signed-out browser gets nothing more (its reconnect is refused with 401).
 */
export function liveEventsRoute(
  getRuntime: () => TPlatformRuntime,
  extraTopics: Partial<Record<TLiveTopic, TLiveTopicDefinition>> = {},
) {
  const served: Partial<Record<TLiveTopic, TLiveTopicDefinition>> = { ...SHARED_LIVE_TOPICS, ...extraTopics };
  return apiRoute(getRuntime, { endpoint: 'events', permission: null }, async (request, { principal }) => {
    const names = parseLiveTopics(new URL(request.url).searchParams.get('topics'), served);
    const topics: Record<string, TEventStreamTopic> = {};
    for (const name of names) {
      const definition = served[name];
      if (definition) topics[name] = definition(principal);
    }
    return eventStreamResponse({
      bus: getRuntime().bus,
      topics,
      request,
      closeAfter: endsSessionOf(principal),
    });
  });
}
