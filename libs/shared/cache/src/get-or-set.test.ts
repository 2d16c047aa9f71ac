import { describe, expect, it, vi } from 'vitest';
import { getOrSet } from './get-or-set';
import { createMemoryCache } from './memory-cache';

describe('getOrSet', () => {
  it('loads once on a miss, then serves the cached value', async () => {
    const cache = createMemoryCache({ max: 10 });
    const load = vi.fn(async () => ({ id: 'p1' }));
    expect(await getOrSet(cache, 'k', load, { ttlMs: 60_000 })).toEqual({ id: 'p1' });
    expect(await getOrSet(cache, 'k', load)).toEqual({ id: 'p1' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shares one load among concurrent callers of the same key (single flight)', async () => {
    const cache = createMemoryCache({ max: 10 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = vi.fn(async () => {
      await gate;
      return 42;
    });
    const calls = Array.from({ length: 20 }, () => getOrSet(cache, 'hot', load));
    const other = getOrSet(cache, 'other', async () => 7);
    release();
    expect(await Promise.all(calls)).toEqual(Array(20).fill(42));
    expect(await other).toBe(7);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('passes a load error to every waiter, caches nothing, and tries again next time', async () => {
    const cache = createMemoryCache({ max: 10 });
    const failing = vi.fn(async () => {
      throw new Error('db down');
    });
    const results = await Promise.allSettled([getOrSet(cache, 'k', failing), getOrSet(cache, 'k', failing)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await getOrSet(cache, 'k', async () => 'recovered')).toBe('recovered');
  });

  it('does not cache undefined', async () => {
    const cache = createMemoryCache({ max: 10 });
    await getOrSet(cache, 'k', async () => undefined);
    expect(await getOrSet(cache, 'k', async () => 'now')).toBe('now');
  });

  it('keeps separate flights per cache instance', async () => {
    const a = createMemoryCache({ max: 10 });
    const b = createMemoryCache({ max: 10 });
    const [fromA, fromB] = await Promise.all([
      getOrSet(a, 'k', async () => 'a'),
      getOrSet(b, 'k', async () => 'b'),
    ]);
    expect([fromA, fromB]).toEqual(['a', 'b']);
  });
});
