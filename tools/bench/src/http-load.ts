// Pure helpers of the HTTP load benchmark (`bench:landing`): autocannon's command line and the
// reading of its `--json` report, the results table, and the small parsing the runner needs.
import { join, relative } from 'node:path';
import { formatTextTable } from './stats';

/** One target under load: a summary of one autocannon run. */
export type TLoadResult = {
  name: string;
  /** Mean of the per-second request counts (autocannon `requests.mean`). */
  requestsPerSecond: number;
  /** Mean latency, ms (to two decimals: finer than the percentiles). */
  meanMs: number;
  /** Latency percentiles, ms (autocannon records whole milliseconds). */
  p50Ms: number;
  p99Ms: number;
  /** Responses received. */
  requests: number;
  /** Mean response size (headers and body), bytes. */
  bytesPerResponse: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Responses with a status outside 2xx. */
  non2xx: number;
};

export type TAutocannonRun = {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Request headers, e.g. `{ cookie: 'lf_session=…' }`. */
  headers?: Readonly<Record<string, string>>;
};

/**
 * The autocannon CLI arguments of one run: `--json` (the report on stdout, nothing else), pipelining
 * 1 (one request in flight per connection, as a browser does), a 10 s timeout per request.
 */
export function autocannonArgs(run: TAutocannonRun): string[] {
  if (!Number.isSafeInteger(run.connections) || run.connections < 1)
    throw new Error('connections must be a positive integer');
  if (!Number.isSafeInteger(run.durationSeconds) || run.durationSeconds < 1)
    throw new Error('durationSeconds must be a positive integer');
  const args = [
    '--json',
    '--connections',
    String(run.connections),
    '--pipelining',
    '1',
    '--duration',
    String(run.durationSeconds),
    '--timeout',
    '10',
  ];
  for (const [name, value] of Object.entries(run.headers ?? {})) {
    if (/[\r\n]/.test(value)) throw new Error(`header ${name} holds a line break`);
    args.push('--headers', `${name}=${value}`);
  }
  args.push(run.url);
  return args;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberAt(report: Record<string, unknown>, path: string): number {
  let value: unknown = report;
  for (const key of path.split('.')) value = isRecord(value) ? value[key] : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`autocannon report: ${path} is missing or not a number`);
  return value;
}

/** Reads autocannon's `--json` report (its stdout; only the last JSON line counts). */
export function summarizeAutocannon(name: string, stdout: string): TLoadResult {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.trimStart().startsWith('{'));
  if (line === undefined) throw new Error(`autocannon printed no JSON report for ${name}`);
  const report: unknown = JSON.parse(line);
  if (!isRecord(report)) throw new Error(`autocannon report for ${name} is not an object`);
  const requests = numberAt(report, 'requests.total');
  const bytes = numberAt(report, 'throughput.total');
  return {
    name,
    requestsPerSecond: numberAt(report, 'requests.mean'),
    meanMs: numberAt(report, 'latency.mean'),
    p50Ms: numberAt(report, 'latency.p50'),
    p99Ms: numberAt(report, 'latency.p99'),
    requests,
    bytesPerResponse: requests > 0 ? bytes / requests : 0,
    errors: numberAt(report, 'errors') + numberAt(report, 'timeouts'),
    non2xx: numberAt(report, 'non2xx'),
  };
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : ms.toFixed(0);
}

/** A ratio as `0.12×`, `1.5×`, `23×`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return ratio < 1 ? `${ratio.toFixed(2)}×` : ratio < 10 ? `${ratio.toFixed(1)}×` : `${ratio.toFixed(0)}×`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${Math.round(bytes)} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * The results next to `baseline` (the bare Next.js page): requests/s as a share of the baseline's
 * (below 1× is slower), p99 as a multiple of the baseline's (above 1× is slower).
 */
export function formatLoadTable(baseline: TLoadResult, results: readonly TLoadResult[]): string {
  const header = [
    'target',
    'req/s',
    'mean ms',
    'p50 ms',
    'p99 ms',
    'size/resp',
    'requests',
    'errors',
    'non-2xx',
    'req/s ÷ bare',
    'p99 ÷ bare',
  ];
  const rows = results.map((result) => [
    result.name,
    Math.round(result.requestsPerSecond).toLocaleString('en-US'),
    formatMs(result.meanMs),
    formatMs(result.p50Ms),
    formatMs(result.p99Ms),
    formatBytes(result.bytesPerResponse),
    result.requests.toLocaleString('en-US'),
    String(result.errors),
    String(result.non2xx),
    result === baseline ? '1×' : formatRatio(result.requestsPerSecond / baseline.requestsPerSecond),
    result === baseline ? '1×' : formatRatio(result.p99Ms / baseline.p99Ms),
  ]);
  return formatTextTable(header, rows);
}

/** A result that measured nothing but failures: no 2xx response, or more errors than answers. */
export function failureOf(result: TLoadResult): string | null {
  if (result.requests === 0) return `${result.name}: no response`;
  if (result.non2xx === result.requests) return `${result.name}: every response was non-2xx`;
  if (result.errors > result.requests) return `${result.name}: ${result.errors} errors`;
  return null;
}

// Colours and bold (SGR) sequences, as the platform runner prints its lines.
// eslint-disable-next-line no-control-regex
const ANSI_SGR = /\u001b\[[0-9;]*m/g;

/** Whether a line of `bootstrap.mjs start` says the platform is up. */
export function isPlatformReadyLine(line: string): boolean {
  return line.replace(ANSI_SGR, '').includes('LumenForge is ready');
}

/**
 * Where `next build` with `output: 'standalone'` and `outputFileTracingRoot: workspaceRoot` puts the
 * server of the app at `appDir`: `.next/standalone/<appDir relative to the root>/server.js`.
 */
export function standaloneServerPath(workspaceRoot: string, appDir: string): string {
  const fromRoot = relative(workspaceRoot, appDir);
  if (fromRoot.startsWith('..') || fromRoot === '')
    throw new Error(`${appDir} is not inside ${workspaceRoot}`);
  return join(appDir, '.next/standalone', fromRoot, 'server.js');
}

/** `text` as React writes it into HTML (to find a user's name in a rendered page). */
export function htmlText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}
