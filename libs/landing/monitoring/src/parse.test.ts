import { describe, expect, it } from 'vitest';
import { counterRate, parseNatsVarz, parseRedisInfo, redisMetricsFromInfo } from './parse';
import { formatBytes, formatMetric } from './format';

const INFO = [
  '# Server',
  'redis_version:7.2.4',
  '',
  '# Clients',
  'connected_clients:12',
  '# Memory',
  'used_memory:104857600',
  'used_memory_human:100.00M',
  'maxmemory:134217728',
  '# Stats',
  'keyspace_hits:950',
  'keyspace_misses:50',
  '# Keyspace',
  'db0:keys=40,expires=3,avg_ttl=0',
  'db1:keys=2,expires=0,avg_ttl=0',
].join('\r\n');

describe('Redis INFO', () => {
  it('parses key:value lines, skipping sections and blanks', () => {
    const fields = parseRedisInfo(INFO);
    expect(fields.get('redis_version')).toBe('7.2.4');
    expect(fields.has('# Server')).toBe(false);
  });

  it('gives memory % of maxmemory, hit rate, keys and clients', () => {
    expect(redisMetricsFromInfo(INFO)).toEqual({
      memoryUsedBytes: 104_857_600,
      maxMemoryBytes: 134_217_728,
      memoryPercent: 78.1,
      hitRatePercent: 95,
      lookups: 1_000,
      keys: 42,
      connectedClients: 12,
    });
    expect(redisMetricsFromInfo(INFO, 41).keys).toBe(41);
  });

  it('has no memory % without maxmemory and no hit rate before the first lookup', () => {
    const metrics = redisMetricsFromInfo(
      'used_memory:1000\nmaxmemory:0\nkeyspace_hits:0\nkeyspace_misses:0\n',
    );
    expect(metrics.memoryPercent).toBeNull();
    expect(metrics.hitRatePercent).toBeNull();
    expect(metrics.lookups).toBe(0);
    expect(metrics.keys).toBe(0);
    expect(metrics.connectedClients).toBeNull();
  });
});

describe('NATS varz', () => {
  it('picks connections, subscriptions and in_msgs', () => {
    expect(
      parseNatsVarz({ server_id: 'N1', connections: 7, subscriptions: 31, in_msgs: 12_345, out_msgs: 9 }),
    ).toEqual({ connections: 7, subscriptions: 31, inMsgs: 12_345 });
  });

  it('is null for anything missing or malformed', () => {
    expect(parseNatsVarz(null)).toEqual({ connections: null, subscriptions: null, inMsgs: null });
    expect(parseNatsVarz({ connections: '7' }).connections).toBeNull();
  });

  it('turns two readings of a counter into a rate; restarts and first readings have none', () => {
    const at = new Date('2026-11-24T10:00:00Z');
    const later = new Date('2026-11-24T10:01:00Z');
    expect(counterRate({ value: 100, at }, { value: 700, at: later })).toBe(10);
    expect(counterRate(null, { value: 700, at: later })).toBeNull();
    expect(counterRate({ value: 800, at }, { value: 700, at: later })).toBeNull();
    expect(counterRate({ value: 100, at: later }, { value: 700, at: later })).toBeNull();
  });
});

describe('formats', () => {
  it('shows values with their units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(8_650_752)).toBe('8.3 MB');
    expect(formatMetric(1_234, 'ms')).toBe('1.23 s');
    expect(formatMetric(5_000, 'ms')).toBe('5 s');
    expect(formatMetric(4.2, 'ms')).toBe('4 ms');
    expect(formatMetric(82.35, 'percent')).toBe('82.4 %');
    expect(formatMetric(12_345, 'count')).toBe('12,345');
    expect(formatMetric(0.25, 'seconds')).toBe('250 ms');
    expect(formatMetric(3.5, 'per-second')).toBe('3.5 msg/s');
  });
});
