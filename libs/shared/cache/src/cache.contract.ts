import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { TCache } from './cache.types';

export type TCacheContractFactory = {
  /** A fresh, empty cache for one test (for Redis: a new unique keyPrefix each call). */
  create: () => TCache | Promise<TCache>;
  /** Runs after the suite, e.g. to delete the run's keys. */
  cleanup?: () => Promise<void>;
};

/**
 * The behaviour every `TCache` implementation must show. Call it at the top level of a test file:
 * `describeCacheContract('memory', { create: () => createMemoryCache({ max: 100 }) })`.
 */
export function describeCacheContract(name: string, factory: TCacheContractFactory): void {
  describe(`TCache contract: ${name}`, () => {
    afterAll(async () => {
      await factory.cleanup?.();
    });

    it('misses on an unknown key and counts the miss', async () => {
      const cache = await factory.create();
      expect(await cache.get('nope')).toBeUndefined();
      expect(cache.stats()).toEqual({ hits: 0, misses: 1, errors: 0 });
    });

    it('reads back what was set and counts the hit', async () => {
      const cache = await factory.create();
      await cache.set('cache:build:p1', { status: 'ok' }, { ttlMs: 60_000 });
      expect(await cache.get('cache:build:p1')).toEqual({ status: 'ok' });
      expect(cache.stats()).toEqual({ hits: 1, misses: 0, errors: 0 });
    });

    it('round-trips JSON values as copies (nested objects, arrays, unicode, null, numbers, booleans)', async () => {
      const cache = await factory.create();
      const value = {
        name: 'Button ✨ «ünïcode» 日本',
        tags: ['a', 'b'],
        nested: { depth: { n: 1.5, isOk: true, none: null } },
        empty: {},
        createdAt: new Date('2026-11-23T10:00:00.000Z'),
        dropped: undefined,
      };
      await cache.set('json', value);
      const read = await cache.get<Record<string, unknown>>('json');
      expect(read).toEqual(JSON.parse(JSON.stringify(value)));
      expect(read?.['createdAt']).toBe('2026-11-23T10:00:00.000Z');
      expect(read).not.toHaveProperty('dropped');
      expect(read).not.toBe(value);
      for (const scalar of [0, -1, 'text', '', true, false, null, [1, [2]]]) {
        await cache.set('scalar', scalar);
        expect(await cache.get('scalar')).toEqual(scalar);
      }
    });

    it('rejects values JSON cannot represent', async () => {
      const cache = await factory.create();
      await expect(cache.set('bad', undefined)).rejects.toThrow(TypeError);
      await expect(cache.set('bad', () => 1)).rejects.toThrow(TypeError);
      expect(await cache.get('bad')).toBeUndefined();
    });

    it('overwrites a value and its TTL', async () => {
      const cache = await factory.create();
      await cache.set('k', { v: 1 }, { ttlMs: 150 });
      await cache.set('k', { v: 2 }, { ttlMs: 60_000 });
      await delay(300);
      expect(await cache.get('k')).toEqual({ v: 2 });
    });

    it('expires a value after its ttlMs', async () => {
      const cache = await factory.create();
      await cache.set('short', 'soon gone', { ttlMs: 150 });
      await cache.set('long', 'still here', { ttlMs: 60_000 });
      expect(await cache.get('short')).toBe('soon gone');
      await delay(350);
      expect(await cache.get('short')).toBeUndefined();
      expect(await cache.get('long')).toBe('still here');
    });

    it('rejects a non-positive ttlMs', async () => {
      const cache = await factory.create();
      await expect(cache.set('k', 1, { ttlMs: 0 })).rejects.toThrow(RangeError);
      await expect(cache.set('k', 1, { ttlMs: Number.NaN })).rejects.toThrow(RangeError);
    });

    it('deletes one key and tolerates deleting a missing one', async () => {
      const cache = await factory.create();
      await cache.set('a', 1);
      await cache.set('b', 2);
      await cache.delete('a');
      await cache.delete('never-set');
      expect(await cache.get('a')).toBeUndefined();
      expect(await cache.get('b')).toBe(2);
    });

    it('deletes by prefix, leaving other keys alone (glob characters match literally)', async () => {
      const cache = await factory.create();
      for (let i = 0; i < 25; i++) await cache.set(`cache:build:p${i}`, i);
      await cache.set('cache:builder', 'not a build key');
      await cache.set('components:c1', 'component');
      await cache.set('weird*[key]?', 'glob');
      await cache.set('weirdo', 'other');

      expect(await cache.deleteByPrefix('cache:build:')).toBe(25);
      expect(await cache.get('cache:build:p0')).toBeUndefined();
      expect(await cache.get('cache:build:p24')).toBeUndefined();
      expect(await cache.get('cache:builder')).toBe('not a build key');
      expect(await cache.get('components:c1')).toBe('component');

      expect(await cache.deleteByPrefix('weird*[')).toBe(1);
      expect(await cache.get('weirdo')).toBe('other');
      expect(await cache.deleteByPrefix('no-such-prefix:')).toBe(0);
    });

    it('keeps stats across operations', async () => {
      const cache = await factory.create();
      await cache.set('x', 'y');
      await cache.get('x');
      await cache.get('x');
      await cache.get('missing');
      expect(cache.stats()).toEqual({ hits: 2, misses: 1, errors: 0 });
    });
  });
}
