/**
 * The wire contract of every app's one live connection (`GET /api/events?topics=…`, Server-Sent
 * Events): shared by the server route (`liveEventsRoute` of `@lumenforge/runtime/server`) and the
 * browser's connection (`@lumenforge/ui/use-event-stream`). A page never opens more than this one
 * stream per origin: browsers allow six HTTP/1.1 connections per host, so a stream per topic per
 * tab froze every further request after two tabs.
 */
export const LIVE_EVENTS_PATH = '/api/events';

/**
 * The topics a page can ask for. Every app serves `tokens` (its workspace's published token
 * version, for live restyling) and `session` (the signed-in session ended: sign-out here or
 * elsewhere); LANDING adds `health` (the system cards) and `activity` (the feed).
 */
export const LIVE_TOPICS = ['tokens', 'session', 'health', 'activity'] as const;
export type TLiveTopic = (typeof LIVE_TOPICS)[number];

export function isLiveTopic(value: string): value is TLiveTopic {
  return (LIVE_TOPICS as readonly string[]).includes(value);
}

/**
 * One message of the stream (`data:` as JSON; `id:` is the cursor a reconnect resumes after):
 * the event envelope and which of the requested topics it belongs to.
 */
export type TLiveFrame = {
  topics: TLiveTopic[];
  event: { id: string; subject: string; occurredAt: string; data: unknown } & Record<string, unknown>;
};
