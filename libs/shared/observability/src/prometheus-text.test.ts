import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './prometheus-text';

describe('parsePrometheusText', () => {
  it('reads HELP, TYPE, labels with escapes, special values and timestamps', () => {
    const families = parsePrometheusText(
      [
        '# HELP http_requests_total Requests \\\\ with a\\nnewline.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="GET",path="a \\"quoted\\" \\\\ value\\n",} 3 1700000000000',
        'http_requests_total{method="POST"} 1e3',
        '# a plain comment',
        '# TYPE latency histogram',
        'latency_bucket{le="0.1"} 1',
        'latency_bucket{le="+Inf"} 2',
        'latency_sum 0.3',
        'latency_count 2',
        'up NaN',
        'down -Inf',
        '',
      ].join('\n'),
    );
    const requests = families.get('http_requests_total');
    expect(requests?.help).toBe('Requests \\ with a\nnewline.');
    expect(requests?.type).toBe('counter');
    expect(requests?.samples[0]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'GET', path: 'a "quoted" \\ value\n' },
      value: 3,
      timestampMs: 1_700_000_000_000,
    });
    expect(sampleValue(families, 'http_requests_total', { method: 'POST' })).toBe(1000);
    expect(families.get('latency')?.samples.map((sample) => sample.name)).toEqual([
      'latency_bucket',
      'latency_bucket',
      'latency_sum',
      'latency_count',
    ]);
    expect(families.get('up')?.type).toBe('untyped');
    expect(Number.isNaN(sampleValue(families, 'up'))).toBe(true);
    expect(sampleValue(families, 'down')).toBe(Number.NEGATIVE_INFINITY);
  });

  it.each([
    ['a bad value', 'x 1.2.3', /not a number/],
    ['a bad escape', 'x{a="\\t"} 1', /invalid escape/],
    ['an unterminated value', 'x{a="b} 1', /unterminated/],
    ['a duplicate label', 'x{a="1",a="2"} 1', /appears twice/],
    ['a reserved label', 'x{__name__="y"} 1', /invalid label name/],
    ['a duplicate series', 'x{a="1"} 1\nx{a="1"} 2', /duplicate series/],
    ['a second TYPE', '# TYPE x gauge\n# TYPE x gauge', /second TYPE/],
    ['TYPE after samples', 'x 1\n# TYPE x gauge', /after its samples/],
    ['an unknown type', '# TYPE x meter', /unknown type/],
    ['scattered lines', 'x 1\ny 1\nx{a="b"} 1', /not together/],
    ['a missing +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1', /\+Inf/],
    ['non-cumulative buckets', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1', /cumulative/],
    ['+Inf differing from _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_count 2', /_count/],
    ['no value', 'x{a="1"}', /value|whitespace/],
    ['a bad timestamp', 'x 1 soon', /timestamp/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parsePrometheusText(text)).toThrow(message);
  });
});
