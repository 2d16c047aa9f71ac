import { describe, expect, it } from 'vitest';
import { redisClientOptions } from './client';
import { connectionOptionsFromEnv, parseRedisUrl, parseSentinels, reconnectDelayMs } from './redis-options';

describe('parseSentinels', () => {
  it('splits host:port pairs, trimming spaces', () => {
    expect(parseSentinels('nas-1:26379, 10.0.0.2:26380 ,')).toEqual([
      { host: 'nas-1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
    ]);
  });

  it('names the variable for a bad entry', () => {
    expect(() => parseSentinels('nas-1:99999')).toThrow(/REDIS_SENTINELS: "nas-1:99999"/);
    expect(() => parseSentinels(':1')).toThrow(/REDIS_SENTINELS/);
  });
});

describe('connectionOptionsFromEnv', () => {
  it('maps Sentinel variables to ioredis sentinel options', () => {
    expect(
      connectionOptionsFromEnv({
        REDIS_SENTINELS: 'nas-1:26379,nas-2:26379',
        REDIS_MASTER_NAME: 'lumenforge',
        REDIS_PASSWORD: 'data-secret',
        REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      }),
    ).toEqual({
      sentinels: [
        { host: 'nas-1', port: 26379 },
        { host: 'nas-2', port: 26379 },
      ],
      name: 'lumenforge',
      password: 'data-secret',
      sentinelPassword: 'sentinel-secret',
    });
  });

  it('omits passwords that are not set', () => {
    expect(connectionOptionsFromEnv({ REDIS_SENTINELS: 'a:1', REDIS_MASTER_NAME: 'm' })).toEqual({
      sentinels: [{ host: 'a', port: 1 }],
      name: 'm',
    });
  });

  it('parses REDIS_URL and refuses an empty config', () => {
    expect(connectionOptionsFromEnv({ REDIS_URL: 'redis://cache' })).toEqual({
      host: 'cache',
      port: 6379,
      db: 0,
    });
    expect(() => connectionOptionsFromEnv({})).toThrow(/neither REDIS_URL nor REDIS_SENTINELS/);
  });
});

describe('parseRedisUrl', () => {
  it('reads user, encoded password, port, db and turns on TLS for rediss://', () => {
    expect(parseRedisUrl('rediss://app:p%40ss@cache.lumenforge.io:6380/3')).toEqual({
      host: 'cache.lumenforge.io',
      port: 6380,
      db: 3,
      username: 'app',
      password: 'p@ss',
      tls: { servername: 'cache.lumenforge.io' },
    });
    expect(parseRedisUrl('redis://:secret@[::1]:6379')).toEqual({
      host: '::1',
      port: 6379,
      db: 0,
      password: 'secret',
    });
  });

  it('rejects a non-numeric database', () => {
    expect(() => parseRedisUrl('redis://cache/main')).toThrow(/REDIS_URL/);
  });
});

describe('redisClientOptions', () => {
  it('fails fast: no offline queue, one retry per request, short timeouts, capped backoff', () => {
    const options = redisClientOptions({ REDIS_URL: 'redis://cache' }, { connectionName: 'landing:cache' });
    expect(options).toMatchObject({
      host: 'cache',
      connectionName: 'landing:cache',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    const delays = [1, 2, 3, 4, 5, 10, 1_000].map((attempt) => options.retryStrategy?.(attempt));
    expect(delays).toEqual([100, 200, 400, 800, 1_600, 2_000, 2_000]);
  });
});

describe('reconnectDelayMs', () => {
  it('never exceeds the cap and never gives up', () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const delay = reconnectDelayMs(attempt, 500);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(500);
    }
  });
});
