import { describe, expect, it } from 'vitest';
import { natsServers, readNatsEnv } from './env';

describe('nats env', () => {
  it('accepts several servers and splits them', () => {
    const env = readNatsEnv({ NATS_URL: 'nats://nats-1:4222, nats://user:secret@nats-2:4222' });
    expect(natsServers(env)).toEqual(['nats://nats-1:4222', 'nats://user:secret@nats-2:4222']);
    expect(env.NATS_STREAM_REPLICAS).toBe(1);
  });

  it('is optional: unset means single-node mode', () => {
    expect(natsServers(readNatsEnv({}))).toEqual([]);
  });

  it('names the variable when a server is not a nats URL', () => {
    expect(() => readNatsEnv({ NATS_URL: 'nats://ok:4222,http://wrong:4222' })).toThrow(
      /NATS_URL: must be nats:\/\//,
    );
    expect(() => readNatsEnv({ NATS_STREAM_REPLICAS: '7' })).toThrow(/NATS_STREAM_REPLICAS/);
  });
});
