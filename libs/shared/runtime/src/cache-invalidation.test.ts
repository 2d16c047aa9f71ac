import { randomUUID } from 'node:crypto';
import { cacheKeys } from '@lumenforge/cache';
import { createMemoryCache } from '@lumenforge/cache/server';
import { BUILD_COMPLETED, COMPONENT_CREATED, createEvent, TOKENS_UPDATED } from '@lumenforge/events';
import { describe, expect, it } from 'vitest';
import { CACHE_INVALIDATIONS, invalidateFor } from './cache-invalidation';

const WS = randomUUID();
const PROJECT_ID = randomUUID();
const OTHER_WS = randomUUID();
const envelope = {
  actor: { type: 'system' as const, id: 'cache-test' },
  correlationId: randomUUID(),
  workspaceId: WS,
};
const invalidation = (name: string) => {
  const found = CACHE_INVALIDATIONS.find((entry) => entry.name === name);
  if (!found) throw new Error(`no invalidation named ${name}`);
  return found;
};

async function cacheWithEntries() {
  const cache = createMemoryCache({ max: 100 });
  const keys = {
    theme: `${cacheKeys.tokens(WS)}theme`,
    searchIndex: `${cacheKeys.tokens(WS)}search-index`,
    cards: cacheKeys.systemCards(WS),
    otherCards: cacheKeys.systemCards(OTHER_WS),
    otherTheme: `${cacheKeys.tokens(OTHER_WS)}theme`,
    component: cacheKeys.component(COMPONENT_CREATED.sample.componentId),
    build: cacheKeys.build(PROJECT_ID),
  };
  for (const key of Object.values(keys)) await cache.set(key, { cached: key });
  const present = async () => {
    const result: string[] = [];
    for (const [name, key] of Object.entries(keys))
      if ((await cache.get(key)) !== undefined) result.push(name);
    return result;
  };
  return { cache, present };
}

describe('cache invalidation', () => {
  it('a new token version clears the workspace’s theme, search index and LANDING cards, nothing else', async () => {
    const { cache, present } = await cacheWithEntries();
    await invalidateFor(
      cache,
      invalidation('tokens'),
      createEvent(TOKENS_UPDATED, { ...envelope, data: TOKENS_UPDATED.sample }),
    );
    expect(await present()).toEqual(['otherCards', 'otherTheme', 'component', 'build']);
  });

  it('a component event clears that component and the workspace’s cards', async () => {
    const { cache, present } = await cacheWithEntries();
    await invalidateFor(
      cache,
      invalidation('components'),
      createEvent(COMPONENT_CREATED, { ...envelope, data: COMPONENT_CREATED.sample }),
    );
    expect(await present()).toEqual(['theme', 'searchIndex', 'otherCards', 'otherTheme', 'build']);
  });

  it('a build event clears the project’s build entry and the workspace’s cards', async () => {
    const { cache, present } = await cacheWithEntries();
    await invalidateFor(
      cache,
      invalidation('builds'),
      createEvent(BUILD_COMPLETED, {
        ...envelope,
        data: { ...BUILD_COMPLETED.sample, projectId: PROJECT_ID },
      }),
    );
    expect(await present()).toEqual(['theme', 'searchIndex', 'otherCards', 'otherTheme', 'component']);
  });
});
