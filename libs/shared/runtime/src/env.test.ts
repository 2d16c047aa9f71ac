import { createEnv } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import { platformMode, refineRuntimeEnv, ZRuntimeEnv } from './env';

const schema = ZRuntimeEnv.superRefine(refineRuntimeEnv);
const parse = (source: Record<string, string>) =>
  createEnv('test', schema, { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', ...source });

describe('runtime env and mode selection', () => {
  it('runs single-node with neither Redis nor NATS', () => {
    expect(platformMode(parse({}))).toBe('single-node');
  });

  it('runs cluster mode with Redis (URL or Sentinel) and NATS', () => {
    expect(platformMode(parse({ REDIS_URL: 'redis://r:6379', NATS_URL: 'nats://n:4222' }))).toBe('cluster');
    expect(
      platformMode(
        parse({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_MASTER_NAME: 'main', NATS_URL: 'nats://n:4222' }),
      ),
    ).toBe('cluster');
  });

  it('refuses half a cluster, naming the missing variable', () => {
    expect(() => parse({ REDIS_URL: 'redis://r:6379' })).toThrow(
      /NATS_URL: is required \(Redis is configured/,
    );
    expect(() => parse({ NATS_URL: 'nats://n:4222' })).toThrow(/REDIS_URL: is required \(NATS_URL is set/);
  });

  it('keeps the Redis rules', () => {
    expect(() => parse({ REDIS_SENTINELS: 's1:26379', NATS_URL: 'nats://n:4222' })).toThrow(
      /REDIS_MASTER_NAME/,
    );
  });
});
