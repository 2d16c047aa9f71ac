import { cacheKeys, type TCache } from '@lumenforge/cache';
import type { TDbTransaction } from '@lumenforge/db/server';
import type { TEventBus, TSubscription } from '@lumenforge/event-bus';
import type { TEventEnvelope } from '@lumenforge/events';

const TOKENS_CACHE_FAMILY = 'cache:tokens:';

type TInvalidation = {
  /** Consumer name suffix: `<service>.cache.<name>`. */
  name: string;
  subject: string;
  /** The keys (exact) and prefixes an event makes stale. */
  stale: (event: TEventEnvelope) => { keys?: string[]; prefixes?: string[] };
};

function dataField(event: TEventEnvelope, field: string): string | undefined {
  const value = (event.data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** LANDING's cards of the event's workspace show what it changed (a new version, component or build). */
function cardsOf(event: TEventEnvelope): string[] {
  return event.workspaceId ? [cacheKeys.systemCards(event.workspaceId)] : [];
}

/** Which cached entries each event makes stale. One consumer per row (NATS 2.9: one filter subject each). */
export const CACHE_INVALIDATIONS: readonly TInvalidation[] = [
  {
    name: 'components',
    subject: 'wissil.component.*',
    stale: (event) => {
      const id = dataField(event, 'componentId');
      return { keys: [...(id ? [cacheKeys.component(id)] : []), ...cardsOf(event)] };
    },
  },
  {
    name: 'builds',
    subject: 'wissil.build.*',
    stale: (event) => {
      const id = dataField(event, 'projectId');
      return { keys: [...(id ? [cacheKeys.build(id)] : []), ...cardsOf(event)] };
    },
  },
  {
    name: 'tokens',
    subject: 'wissil.tokens.updated',
    // Token sets belong to a workspace; an event without one clears every workspace's entries.
    stale: (event) => ({
      keys: cardsOf(event),
      prefixes: [event.workspaceId ? cacheKeys.tokens(event.workspaceId) : TOKENS_CACHE_FAMILY],
    }),
  },
];

/** Deletes what `event` makes stale from `cache` (used by the subscriptions below and their tests). */
export async function invalidateFor(
  cache: TCache,
  invalidation: TInvalidation,
  event: TEventEnvelope,
): Promise<void> {
  const { keys = [], prefixes = [] } = invalidation.stale(event);
  await Promise.all([
    ...keys.map((key) => cache.delete(key)),
    ...prefixes.map((prefix) => cache.deleteByPrefix(prefix)),
  ]);
}

/**
 * Subscribes this app to the events that make its cached entries stale. Each app has its own
 * durable consumers, so every app's cache is cleared, and one that was down catches up.
 */
export async function subscribeCacheInvalidation(
  bus: TEventBus<TDbTransaction>,
  cache: TCache,
  service: string,
): Promise<TSubscription[]> {
  const subscriptions: TSubscription[] = [];
  try {
    for (const invalidation of CACHE_INVALIDATIONS) {
      subscriptions.push(
        await bus.subscribe({
          consumer: `${service}.cache.${invalidation.name}`,
          subject: invalidation.subject,
          handler: (event) => invalidateFor(cache, invalidation, event),
        }),
      );
    }
    return subscriptions;
  } catch (error) {
    // All or nothing: a retry must not subscribe the same consumer twice.
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
    throw error;
  }
}
