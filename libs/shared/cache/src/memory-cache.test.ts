import { describe, expect, it } from 'vitest';
import { describeCacheContract } from './cache.contract';
import { createMemoryCache } from './memory-cache';

describeCacheContract('memory', { create: () => createMemoryCache({ max: 1_000 }) });

describe('createMemoryCache', () => {
  it('evicts the least recently used entry beyond max', async () => {
    const cache = createMemoryCache({ max: 2 });
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.get('a');
    await cache.set('c', 3);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('c')).toBe(3);
  });

  it('uses defaultTtlMs when set gives no ttl', async () => {
    const cache = createMemoryCache({ max: 10, defaultTtlMs: 50 });
    await cache.set('a', 1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await cache.get('a')).toBeUndefined();
  });

  it('refuses an invalid defaultTtlMs at creation', () => {
    expect(() => createMemoryCache({ max: 10, defaultTtlMs: -1 })).toThrow(RangeError);
  });
});
