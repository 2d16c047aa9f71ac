import { describe, expect, it } from 'vitest';
import {
  evaluateService,
  evaluateThreshold,
  METRICS,
  MIN_REDIS_LOOKUPS,
  type TThreshold,
} from './thresholds';

const connections: TThreshold = { direction: 'above', warning: 80, critical: 95 };
const hitRate: TThreshold = {
  direction: 'below',
  warning: 90,
  critical: 80,
  minimum: { metric: 'lookups', atLeast: MIN_REDIS_LOOKUPS },
};

describe('evaluateThreshold', () => {
  it('"> 80 / > 95": the bounds themselves are still the lower level', () => {
    expect(evaluateThreshold(connections, 0)).toBe('ok');
    expect(evaluateThreshold(connections, 80)).toBe('ok');
    expect(evaluateThreshold(connections, 80.5)).toBe('warning');
    expect(evaluateThreshold(connections, 95)).toBe('warning');
    expect(evaluateThreshold(connections, 96)).toBe('critical');
  });

  it('"< 90 % / < 80 %" for the hit rate, once there are enough lookups', () => {
    const enough = { lookups: MIN_REDIS_LOOKUPS };
    expect(evaluateThreshold(hitRate, 100, enough)).toBe('ok');
    expect(evaluateThreshold(hitRate, 90, enough)).toBe('ok');
    expect(evaluateThreshold(hitRate, 89.9, enough)).toBe('warning');
    expect(evaluateThreshold(hitRate, 80, enough)).toBe('warning');
    expect(evaluateThreshold(hitRate, 79.9, enough)).toBe('critical');
  });

  it('is not enough data below the minimum, or without a value', () => {
    expect(evaluateThreshold(hitRate, 10, { lookups: MIN_REDIS_LOOKUPS - 1 })).toBeNull();
    expect(evaluateThreshold(hitRate, 10, {})).toBeNull();
    expect(evaluateThreshold(hitRate, 10, { lookups: null })).toBeNull();
    expect(evaluateThreshold(connections, null)).toBeNull();
    expect(evaluateThreshold(connections, Number.NaN)).toBeNull();
  });
});

describe('the spec table', () => {
  it('carries every row of "Alert Thresholds"', () => {
    const table = Object.fromEntries(
      METRICS.filter((metric) => metric.threshold).map((metric) => [
        `${metric.service}.${metric.key}`,
        metric.threshold,
      ]),
    );
    expect(table['postgres.connections']).toMatchObject({ direction: 'above', warning: 80, critical: 95 });
    expect(table['postgres.queryTimeMs']).toMatchObject({
      direction: 'above',
      warning: 1_000,
      critical: 5_000,
    });
    expect(table['redis.memoryPercent']).toMatchObject({ direction: 'above', warning: 80, critical: 95 });
    expect(table['redis.hitRatePercent']).toMatchObject({ direction: 'below', warning: 90, critical: 80 });
    expect(table['nats.consumerPending']).toMatchObject({
      direction: 'above',
      warning: 1_000,
      critical: 5_000,
    });
    expect(table['registry.storagePercent']).toMatchObject({ direction: 'above', warning: 80, critical: 95 });
  });

  it('evaluateService judges a sample and honours overrides', () => {
    const judged = evaluateService('postgres', {
      connections: 12,
      queryTimeMs: 2_000,
      meanQueryTimeMs: null,
    });
    expect(judged.find((item) => item.key === 'connections')?.level).toBe('ok');
    expect(judged.find((item) => item.key === 'queryTimeMs')?.level).toBe('warning');
    expect(judged.find((item) => item.key === 'meanQueryTimeMs')?.level).toBeNull();
    const lowered = evaluateService(
      'postgres',
      { connections: 12 },
      { 'postgres.connections': { direction: 'above', warning: 1, critical: 100 } },
    );
    expect(lowered.find((item) => item.key === 'connections')?.level).toBe('warning');
  });
});
