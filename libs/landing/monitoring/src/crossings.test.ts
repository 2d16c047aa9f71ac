import { describe, expect, it } from 'vitest';
import { boundOf, detectCrossings } from './crossings';
import { evaluateService, type TMetricLevel } from './thresholds';

/** Runs a series of NATS queue depths through the detector, carrying the levels like the sampler. */
function run(depths: Array<number | null>) {
  let levels: Record<string, TMetricLevel> = {};
  const published: string[] = [];
  const resolved: string[] = [];
  for (const depth of depths) {
    const result = detectCrossings(levels, evaluateService('nats', { consumerPending: depth }));
    levels = result.levels;
    for (const crossing of result.crossings)
      (crossing.to === 'ok' ? resolved : published).push(
        `${crossing.from}→${crossing.to}@${boundOf(crossing)}`,
      );
  }
  return { levels, published, resolved };
}

describe('detectCrossings', () => {
  it('ok → warning → critical → ok publishes exactly the two crossings and resolves once', () => {
    const { published, resolved, levels } = run([10, 1_500, 1_600, 6_000, 7_000, 20, 30]);
    expect(published).toEqual(['ok→warning@1000', 'warning→critical@5000']);
    expect(resolved).toEqual(['critical→ok@5000']);
    expect(levels['consumerPending']).toBe('ok');
  });

  it('critical falling back to warning is a crossing into warning', () => {
    expect(run([6_000, 2_000]).published).toEqual(['ok→critical@5000', 'critical→warning@1000']);
  });

  it('an unmeasured sample keeps the last level: no second alert when the value returns', () => {
    const { published } = run([2_000, null, null, 2_500]);
    expect(published).toEqual(['ok→warning@1000']);
  });

  it('starts from stored levels (a restart does not re-alert)', () => {
    const result = detectCrossings(
      { consumerPending: 'warning' },
      evaluateService('nats', { consumerPending: 1_200 }),
    );
    expect(result.crossings).toEqual([]);
    expect(result.levels).toEqual({ consumerPending: 'warning' });
  });
});
