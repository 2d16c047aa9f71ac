import type { TMetricUnit } from './thresholds';

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "512 B", "3.4 MB", "1.2 GB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** "4 ms", "1.2 s". */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  // "1 s", "1.23 s", "12.5 s": no trailing zeros on the thresholds' round numbers.
  return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
}

const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A metric value with its unit. */
export function formatMetric(value: number, unit: TMetricUnit): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'ms':
      return formatMs(value);
    case 'percent':
      return `${DECIMAL.format(value)} %`;
    case 'seconds':
      return value < 1 ? `${Math.round(value * 1000)} ms` : `${DECIMAL.format(value)} s`;
    case 'per-second':
      return `${DECIMAL.format(value)} msg/s`;
    case 'count':
      return COUNT.format(value);
  }
}
