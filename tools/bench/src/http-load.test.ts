import { describe, expect, it } from 'vitest';
import {
  autocannonArgs,
  failureOf,
  formatLoadTable,
  formatRatio,
  htmlText,
  isPlatformReadyLine,
  standaloneServerPath,
  summarizeAutocannon,
  type TLoadResult,
} from './http-load';

/** The fields of an autocannon `--json` report this bench reads (the real one has many more). */
function report(overrides: Record<string, unknown> = {}) {
  return {
    url: 'http://127.0.0.1:3000/',
    connections: 10,
    pipelining: 1,
    duration: 10.02,
    errors: 1,
    timeouts: 2,
    non2xx: 3,
    '2xx': 997,
    latency: { mean: 4.2, p50: 4, p97_5: 9, p99: 12, max: 40 },
    requests: { mean: 99.7, average: 99.7, total: 1000, sent: 1010 },
    throughput: { mean: 204_800, total: 2_048_000 },
    ...overrides,
  };
}

const result = (overrides: Partial<TLoadResult>): TLoadResult => ({
  name: 'target',
  requestsPerSecond: 1000,
  meanMs: 5.5,
  p50Ms: 5,
  p99Ms: 20,
  requests: 10_000,
  bytesPerResponse: 2048,
  errors: 0,
  non2xx: 0,
  ...overrides,
});

describe('autocannonArgs', () => {
  it('asks for a JSON report, pipelining 1, the connections and duration, then the URL last', () => {
    expect(autocannonArgs({ url: 'http://127.0.0.1:3000/', connections: 10, durationSeconds: 10 })).toEqual([
      '--json',
      '--connections',
      '10',
      '--pipelining',
      '1',
      '--duration',
      '10',
      '--timeout',
      '10',
      'http://127.0.0.1:3000/',
    ]);
  });

  it('passes headers as name=value, the value kept whole (a cookie holds "=")', () => {
    const args = autocannonArgs({
      url: 'http://127.0.0.1:3000/',
      connections: 1,
      durationSeconds: 1,
      headers: { cookie: 'lf_session=abc=def' },
    });
    expect(args.slice(-3)).toEqual(['--headers', 'cookie=lf_session=abc=def', 'http://127.0.0.1:3000/']);
  });

  it('refuses nonsense', () => {
    const url = 'http://127.0.0.1/';
    expect(() => autocannonArgs({ url, connections: 0, durationSeconds: 1 })).toThrow(/connections/);
    expect(() => autocannonArgs({ url, connections: 1, durationSeconds: 0.5 })).toThrow(/durationSeconds/);
    expect(() =>
      autocannonArgs({ url, connections: 1, durationSeconds: 1, headers: { cookie: 'a\r\nx: y' } }),
    ).toThrow(/line break/);
  });
});

describe('summarizeAutocannon', () => {
  it('reads rate, percentiles, size, errors (with timeouts) and non-2xx from the last JSON line', () => {
    const stdout = `Running 10s test @ http://127.0.0.1:3000/\n${JSON.stringify(report())}\n`;
    expect(summarizeAutocannon('home', stdout)).toEqual({
      name: 'home',
      requestsPerSecond: 99.7,
      meanMs: 4.2,
      p50Ms: 4,
      p99Ms: 12,
      requests: 1000,
      bytesPerResponse: 2048,
      errors: 3,
      non2xx: 3,
    });
  });

  it('is 0 bytes per response when nothing answered', () => {
    const stdout = JSON.stringify(report({ requests: { mean: 0, total: 0 }, throughput: { total: 0 } }));
    expect(summarizeAutocannon('down', stdout).bytesPerResponse).toBe(0);
  });

  it('throws on output without a report or with a missing field', () => {
    expect(() => summarizeAutocannon('x', 'no json here')).toThrow(/no JSON report/);
    expect(() => summarizeAutocannon('x', JSON.stringify(report({ latency: { mean: 1, p50: 1 } })))).toThrow(
      /latency\.p99/,
    );
    expect(() => summarizeAutocannon('x', '[1]')).toThrow();
  });
});

describe('formatRatio', () => {
  it('keeps two digits below 1×, one below 10×, none above', () => {
    expect(formatRatio(0.1234)).toBe('0.12×');
    expect(formatRatio(1.26)).toBe('1.3×');
    expect(formatRatio(23.4)).toBe('23×');
    expect(formatRatio(Number.NaN)).toBe('–');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatLoadTable', () => {
  it('shows each target against the bare page: req/s as a share, p99 as a multiple', () => {
    const bare = result({
      name: 'bare',
      requestsPerSecond: 2000,
      meanMs: 4.56,
      p50Ms: 4,
      p99Ms: 10,
      bytesPerResponse: 600,
    });
    const home = result({
      name: 'home',
      requestsPerSecond: 150,
      meanMs: 66.4,
      p50Ms: 60,
      p99Ms: 140,
      non2xx: 2,
    });
    const lines = formatLoadTable(bare, [home, bare]).split('\n');
    expect(lines[0]).toMatch(
      /^target\s+req\/s\s+mean ms\s+p50 ms\s+p99 ms\s+size\/resp\s+requests\s+errors\s+non-2xx/,
    );
    expect(lines[1]).toMatch(/^-+ {2}-+/);
    expect(lines[2]).toMatch(/^home\s+150\s+66\s+60\s+140\s+2\.0 KiB\s+10,000\s+0\s+2\s+0\.07×\s+14×$/);
    expect(lines[3]).toMatch(/^bare\s+2,000\s+4\.6\s+4\.0\s+10\s+600 B\s+10,000\s+0\s+0\s+1×\s+1×$/);
  });
});

describe('failureOf', () => {
  it('flags runs that measured only failures', () => {
    expect(failureOf(result({}))).toBeNull();
    expect(failureOf(result({ non2xx: 5 }))).toBeNull();
    expect(failureOf(result({ requests: 0 }))).toMatch(/no response/);
    expect(failureOf(result({ requests: 5, non2xx: 5 }))).toMatch(/non-2xx/);
    expect(failureOf(result({ requests: 5, errors: 6 }))).toMatch(/errors/);
  });
});

describe('isPlatformReadyLine', () => {
  it('finds the ready line through the colours', () => {
    expect(
      isPlatformReadyLine('\u001b[32m▸\u001b[39m \u001b[1mLumenForge is ready\u001b[22m in 80.1 s'),
    ).toBe(true);
    expect(isPlatformReadyLine('▸ Building the six apps…')).toBe(false);
  });
});

describe('standaloneServerPath', () => {
  it('mirrors the app’s path from the tracing root under .next/standalone', () => {
    expect(standaloneServerPath('/repo', '/repo/tools/bench/bare-next')).toBe(
      '/repo/tools/bench/bare-next/.next/standalone/tools/bench/bare-next/server.js',
    );
    expect(() => standaloneServerPath('/repo', '/elsewhere/app')).toThrow(/not inside/);
    expect(() => standaloneServerPath('/repo', '/repo')).toThrow(/not inside/);
  });
});

describe('htmlText', () => {
  it('escapes as React does', () => {
    expect(htmlText(`Ada O'Neil & <Co> "x"`)).toBe('Ada O&#x27;Neil &amp; &lt;Co&gt; &quot;x&quot;');
    expect(htmlText('Ada Admin')).toBe('Ada Admin');
  });
});
