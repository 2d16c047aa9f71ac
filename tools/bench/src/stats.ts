/** Latency percentiles (ms) and throughput (events/s) of one benchmarked path. */
export type TBenchResult = {
  name: string;
  p50Ms: number;
  p99Ms: number;
  eventsPerSecond: number;
};

/** The `p`-th percentile (0–100) of `samples`, nearest-rank: always one of the measured values. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is not within 0–100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function formatRatio(ratio: number): string {
  return ratio < 10 ? `${ratio.toFixed(1)}×` : `${ratio.toFixed(0)}×`;
}

function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

/**
 * A plain-text table of `results` against `floor` (the raw NATS round trip): latency as a multiple
 * of the floor's (higher is slower) and throughput as a share of the floor's.
 */
export function formatResultsTable(floor: TBenchResult, results: readonly TBenchResult[]): string {
  const header = [
    'path',
    'p50 ms',
    'p99 ms',
    'events/s',
    'p50 vs floor',
    'p99 vs floor',
    'events/s vs floor',
  ];
  const rows = [floor, ...results].map((result) => [
    result === floor ? `${result.name} (floor)` : result.name,
    formatMs(result.p50Ms),
    formatMs(result.p99Ms),
    formatRate(result.eventsPerSecond),
    result === floor ? '1×' : formatRatio(result.p50Ms / floor.p50Ms),
    result === floor ? '1×' : formatRatio(result.p99Ms / floor.p99Ms),
    result === floor ? '100%' : `${((100 * result.eventsPerSecond) / floor.eventsPerSecond).toPrecision(2)}%`,
  ]);
  return formatTextTable(header, rows);
}

/** A plain-text table: a header, a rule, then the rows; the first column left-aligned, the rest right. */
export function formatTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
