import { describe, expect, it } from 'vitest';
import { isRedisConfigured, readRedisEnv, ZRedisEnv, ZRedisEnvShape, refineRedisEnv } from './env';

describe('ZRedisEnv', () => {
  it('accepts nothing (single-node mode), a redis:// or rediss:// URL, or sentinels with a master name', () => {
    expect(ZRedisEnv.parse({})).toEqual({});
    expect(ZRedisEnv.parse({ REDIS_URL: 'rediss://:pw@cache:6380/2' }).REDIS_URL).toBe(
      'rediss://:pw@cache:6380/2',
    );
    expect(
      ZRedisEnv.parse({ REDIS_SENTINELS: 'nas-1:26379, nas-2:26379', REDIS_MASTER_NAME: 'lumenforge' }),
    ).toMatchObject({ REDIS_MASTER_NAME: 'lumenforge' });
  });

  it('keeps its rules after composing into an app schema', () => {
    const app = ZRedisEnvShape.extend({ PORT: ZRedisEnvShape.shape.REDIS_URL }).superRefine(refineRedisEnv);
    expect(app.safeParse({ REDIS_SENTINELS: 'a:1' }).success).toBe(false);
  });
});

describe('readRedisEnv', () => {
  it('names REDIS_MASTER_NAME when sentinels are set without it', () => {
    expect(() => readRedisEnv({ REDIS_SENTINELS: 'nas-1:26379' })).toThrow(/REDIS_MASTER_NAME: is required/);
  });

  it('names REDIS_URL when it is not a Redis URL', () => {
    expect(() => readRedisEnv({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL: must be a redis:\/\//);
  });

  it('names REDIS_SENTINELS when an entry is not host:port', () => {
    expect(() => readRedisEnv({ REDIS_SENTINELS: 'nas-1', REDIS_MASTER_NAME: 'm' })).toThrow(
      /REDIS_SENTINELS: must be a comma-separated list of host:port/,
    );
  });

  it('rejects REDIS_URL together with REDIS_SENTINELS', () => {
    expect(() =>
      readRedisEnv({ REDIS_URL: 'redis://a', REDIS_SENTINELS: 'b:26379', REDIS_MASTER_NAME: 'm' }),
    ).toThrow(/REDIS_URL: set either REDIS_URL or REDIS_SENTINELS/);
  });

  it('treats empty strings as unset', () => {
    expect(readRedisEnv({ REDIS_URL: '', REDIS_SENTINELS: '' })).toEqual({});
  });
});

describe('isRedisConfigured', () => {
  it('is true with REDIS_URL or REDIS_SENTINELS only', () => {
    expect(isRedisConfigured({})).toBe(false);
    expect(isRedisConfigured({ REDIS_URL: 'redis://a' })).toBe(true);
    expect(isRedisConfigured({ REDIS_SENTINELS: 'a:1', REDIS_MASTER_NAME: 'm' })).toBe(true);
  });
});
