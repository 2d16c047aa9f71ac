import { describe, expect, it } from 'vitest';
import {
  configureMetrics,
  metricsText,
  recordEventConsumed,
  recordEventPublished,
  recordHttpRequest,
  registerCacheStats,
  registerConsumerLag,
  registerPoolStats,
} from './metrics';
import { parsePrometheusText, sampleValue } from './prometheus-text';

async function scrape() {
  const { body, contentType } = await metricsText();
  expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(body);
}

describe('process metrics', () => {
  it('expose every LumenForge metric with its type, labels and the service label', async () => {
    configureMetrics({ service: 'ignis', version: '1.2.3' });
    recordHttpRequest({ method: 'get', route: 'builds.read', status: 200, durationSeconds: 0.042 });
    recordHttpRequest({ method: 'BREW', route: 'builds.read', status: 405, durationSeconds: 0.001 });
    recordEventPublished('wissil.build.completed');
    recordEventConsumed('ignis.cache.builds', 'wissil.build.completed', 'ok');
    const removeCache = registerCacheStats(() => ({ hits: 3, misses: 1, errors: 0 }));
    const removePool = registerPoolStats(() => ({ total: 4, idle: 3, waiting: 0 }));
    const removeLag = registerConsumerLag(async () => [{ consumer: 'ignis.cache.builds', lag: 7 }]);
    const removeSlow = registerConsumerLag(() => new Promise(() => undefined)); // never answers
    const families = await scrape();

    const types = Object.fromEntries([...families.values()].map((family) => [family.name, family.type]));
    expect(types).toMatchObject({
      http_request_duration_seconds: 'histogram',
      http_requests_total: 'counter',
      events_published_total: 'counter',
      events_consumed_total: 'counter',
      event_consumer_lag: 'gauge',
      cache_requests_total: 'counter',
      cache_hit_ratio: 'gauge',
      db_pool_connections: 'gauge',
      build_info: 'gauge',
      process_cpu_user_seconds_total: 'counter',
      nodejs_heap_size_used_bytes: 'gauge',
    });
    for (const family of families.values()) {
      expect(family.help, family.name).toBeTruthy();
      for (const sample of family.samples) expect(sample.labels['service'], sample.name).toBe('ignis');
    }
    const labels = { method: 'GET', route: 'builds.read', status: '200' };
    expect(sampleValue(families, 'http_requests_total', labels)).toBe(1);
    expect(sampleValue(families, 'http_request_duration_seconds_count', labels)).toBe(1);
    expect(sampleValue(families, 'http_request_duration_seconds_bucket', { ...labels, le: '0.05' })).toBe(1);
    expect(sampleValue(families, 'http_request_duration_seconds_bucket', { ...labels, le: '0.025' })).toBe(0);
    expect(sampleValue(families, 'http_requests_total', { method: 'OTHER', status: '405' })).toBe(1);
    expect(sampleValue(families, 'events_published_total', { subject: 'wissil.build.completed' })).toBe(1);
    expect(
      sampleValue(families, 'events_consumed_total', {
        consumer: 'ignis.cache.builds',
        subject: 'wissil.build.completed',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(sampleValue(families, 'cache_requests_total', { result: 'hit' })).toBe(3);
    expect(sampleValue(families, 'cache_requests_total', { result: 'miss' })).toBe(1);
    expect(sampleValue(families, 'cache_hit_ratio')).toBe(0.75);
    expect(sampleValue(families, 'db_pool_connections', { state: 'idle' })).toBe(3);
    expect(sampleValue(families, 'event_consumer_lag', { consumer: 'ignis.cache.builds' })).toBe(7);
    expect(sampleValue(families, 'build_info', { version: '1.2.3' })).toBe(1);

    for (const remove of [removeCache, removePool, removeLag, removeSlow]) remove();
    const after = await scrape();
    expect(sampleValue(after, 'cache_hit_ratio')).toBe(0);
    expect(after.get('event_consumer_lag')?.samples).toEqual([]);
  }, 10_000);
});
