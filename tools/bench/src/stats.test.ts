import { describe, expect, it } from 'vitest';
import { formatResultsTable, formatTextTable, percentile } from './stats';

describe('percentile', () => {
  it('is nearest-rank: a measured value, the maximum at p100', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index); // 100 … 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses no samples and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/within/);
  });
});

describe('formatResultsTable', () => {
  it('shows each path against the floor', () => {
    const table = formatResultsTable(
      { name: 'NATS core', p50Ms: 0.1, p99Ms: 0.5, eventsPerSecond: 100_000 },
      [{ name: 'PostgreSQL', p50Ms: 2, p99Ms: 10, eventsPerSecond: 500 }],
    );
    const [header, rule, floor, postgres] = table.split('\n');
    expect(header).toMatch(/^path\s+p50 ms\s+p99 ms\s+events\/s/);
    expect(rule).toMatch(/^-+ {2}-+/);
    expect(floor).toMatch(/^NATS core \(floor\)\s+0\.10\s+0\.50\s+100,000\s+1×\s+1×\s+100%$/);
    expect(postgres).toMatch(/^PostgreSQL\s+2\.00\s+10\.0\s+500\s+20×\s+20×\s+0\.50%$/);
  });
});

describe('formatTextTable', () => {
  it('pads the first column right and the others left, under a rule as wide as each column', () => {
    expect(
      formatTextTable(
        ['name', 'ms'],
        [
          ['ours', '1.5'],
          ['style-dictionary', '12.0'],
        ],
      ),
    ).toBe(
      [
        'name                ms',
        '----------------  ----',
        'ours               1.5',
        'style-dictionary  12.0',
      ].join('\n'),
    );
  });
});
