import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { TRateLimiter, TRateLimiterOptions } from './rate-limit.types';

export type TRateLimiterContractFactory = {
  /** A limiter with these options (for shared stores: add a unique `keyPrefix`). */
  create: (options: TRateLimiterOptions) => TRateLimiter | Promise<TRateLimiter>;
  /** Runs after the suite, e.g. to delete the run's keys. */
  cleanup?: () => Promise<void>;
};

/** A documentation-range IP no other test uses, so tests never share a window. */
const uniqueIp = () => `198.51.100.${randomBytes(3).toString('hex')}`;

/**
 * The behaviour every `TRateLimiter` implementation must show: limits, retry-after, key separation,
 * reset, window expiry, cost, per-endpoint policies and atomicity under concurrency.
 */
export function describeRateLimiterContract(name: string, factory: TRateLimiterContractFactory): void {
  describe(`TRateLimiter contract: ${name}`, () => {
    afterAll(async () => {
      await factory.cleanup?.();
    });

    it('allows up to N requests in the window, counting remaining down', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 3, durationSeconds: 60 } });
      const key = { ip: uniqueIp(), endpoint: 'tokens.write' };
      const results = [await limiter.consume(key), await limiter.consume(key), await limiter.consume(key)];
      expect(results.map((result) => [result.isAllowed, result.remaining, result.retryAfterSeconds])).toEqual(
        [
          [true, 2, 0],
          [true, 1, 0],
          [true, 0, 0],
        ],
      );
      expect(results.every((result) => result.limit === 3)).toBe(true);
      expect(results[0]?.resetAfterSeconds).toBeGreaterThan(55);
      expect(results[0]?.resetAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('blocks request N+1 with a retryAfter within the window', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 2, durationSeconds: 30 } });
      const key = { ip: uniqueIp(), endpoint: 'spark.generate' };
      await limiter.consume(key);
      await limiter.consume(key);
      const blocked = await limiter.consume(key);
      expect(blocked).toMatchObject({ isAllowed: false, remaining: 0, limit: 2 });
      expect(blocked.retryAfterSeconds).toBeGreaterThanOrEqual(25);
      expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(30);
      expect((await limiter.consume(key)).isAllowed).toBe(false);
    });

    it('separates keys by ip and by endpoint', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 1, durationSeconds: 60 } });
      const ip = uniqueIp();
      expect((await limiter.consume({ ip, endpoint: 'a' })).isAllowed).toBe(true);
      expect((await limiter.consume({ ip, endpoint: 'a' })).isAllowed).toBe(false);
      expect((await limiter.consume({ ip, endpoint: 'b' })).isAllowed).toBe(true);
      expect((await limiter.consume({ ip: uniqueIp(), endpoint: 'a' })).isAllowed).toBe(true);
    });

    it('applies per-endpoint policies and falls back to the default', async () => {
      const limiter = await factory.create({
        defaultPolicy: { points: 5, durationSeconds: 60 },
        endpoints: { 'auth.login': { points: 2, durationSeconds: 120 } },
      });
      const ip = uniqueIp();
      const login = { ip, endpoint: 'auth.login' };
      expect(await limiter.consume(login)).toMatchObject({ isAllowed: true, remaining: 1, limit: 2 });
      await limiter.consume(login);
      const blocked = await limiter.consume(login);
      expect(blocked.isAllowed).toBe(false);
      expect(blocked.retryAfterSeconds).toBeGreaterThan(60);
      expect(await limiter.consume({ ip, endpoint: 'tokens.read' })).toMatchObject({
        remaining: 4,
        limit: 5,
      });
    });

    it('takes `cost` units at once', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 5, durationSeconds: 60 } });
      const key = { ip: uniqueIp(), endpoint: 'ignis.build' };
      expect(await limiter.consume(key, 3)).toMatchObject({ isAllowed: true, remaining: 2 });
      expect((await limiter.consume(key, 3)).isAllowed).toBe(false);
      await expect(limiter.consume(key, 0)).rejects.toThrow(RangeError);
    });

    it('resets a key', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 1, durationSeconds: 60 } });
      const key = { ip: uniqueIp(), endpoint: 'auth.login' };
      await limiter.consume(key);
      expect((await limiter.consume(key)).isAllowed).toBe(false);
      await limiter.reset(key);
      expect(await limiter.consume(key)).toMatchObject({ isAllowed: true, remaining: 0 });
      await limiter.reset({ ip: uniqueIp(), endpoint: 'never-used' });
    });

    it('starts a new window when the old one expires', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 2, durationSeconds: 1 } });
      const key = { ip: uniqueIp(), endpoint: 'short' };
      await limiter.consume(key);
      await limiter.consume(key);
      const blocked = await limiter.consume(key);
      expect(blocked.isAllowed).toBe(false);
      expect(blocked.retryAfterSeconds).toBe(1);
      await delay(1_150);
      expect(await limiter.consume(key)).toMatchObject({ isAllowed: true, remaining: 1 });
    });

    it('allows exactly N of 50 concurrent requests', async () => {
      const limiter = await factory.create({ defaultPolicy: { points: 10, durationSeconds: 60 } });
      const key = { ip: uniqueIp(), endpoint: 'concurrent' };
      const results = await Promise.all(Array.from({ length: 50 }, () => limiter.consume(key)));
      expect(results.filter((result) => result.isAllowed)).toHaveLength(10);
      expect(
        results.filter((result) => !result.isAllowed).every((result) => result.retryAfterSeconds >= 1),
      ).toBe(true);
      expect(limiter.stats().errors).toBe(0);
    });

    it('refuses invalid policies at creation', async () => {
      await expect(async () =>
        factory.create({ defaultPolicy: { points: 0, durationSeconds: 60 } }),
      ).rejects.toThrow(RangeError);
      await expect(async () =>
        factory.create({
          defaultPolicy: { points: 1, durationSeconds: 60 },
          endpoints: { x: { points: 1, durationSeconds: 0.5 } },
        }),
      ).rejects.toThrow(/durationSeconds of "x"/);
    });
  });
}
