import type { TUptimeBucket, TUptimeBucketStatus, TUptimeStrip } from '@lumenforge/landing-monitoring';
import { clockTime, dayMonth } from './time';

const BUCKET_CLASS: Record<TUptimeBucketStatus, string> = {
  up: 'bg-success-500',
  degraded: 'bg-warning-500',
  down: 'bg-danger-500',
  'no-data': 'bg-border',
};

const BUCKET_WORD: Record<TUptimeBucketStatus, string> = {
  up: 'up',
  degraded: 'degraded',
  down: 'down',
  'no-data': 'no data',
};

function bucketLabel(bucket: TUptimeBucket): string {
  const range = `${dayMonth(bucket.start)}, ${clockTime(bucket.start, false)}–${clockTime(bucket.end, false)} UTC`;
  if (bucket.status === 'no-data') return `${range}: no data`;
  const samples = bucket.ok + bucket.degraded + bucket.down;
  const details = [
    bucket.down ? `${bucket.down} down` : '',
    bucket.degraded ? `${bucket.degraded} degraded` : '',
  ].filter(Boolean);
  return `${range}: ${BUCKET_WORD[bucket.status]} (${samples} ${samples === 1 ? 'sample' : 'samples'}${details.length ? `, ${details.join(', ')}` : ''})`;
}

/** "99.3 % up" over the window, or why there is no figure. */
export function uptimeText(strip: TUptimeStrip): string {
  return strip.upPercent === null ? 'No data yet' : `${strip.upPercent.toFixed(1)} % up`;
}

/** 96 quarter-hours, oldest first; each says its time range and status (title and accessible name). */
export function UptimeStrip({ strip, name }: { strip: TUptimeStrip; name: string }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <ol
        className="flex h-6 min-w-48 flex-1 items-stretch gap-px"
        aria-label={`Uptime of ${name}, last 24 hours, in 15-minute intervals`}
        data-testid={`uptime-strip-${name}`}
      >
        {strip.buckets.map((bucket) => {
          const label = bucketLabel(bucket);
          return (
            <li key={bucket.start} className="flex min-w-0 flex-1">
              <span
                role="img"
                aria-label={label}
                title={label}
                data-status={bucket.status}
                className={`block w-full rounded-[1px] ${BUCKET_CLASS[bucket.status]}`}
              />
            </li>
          );
        })}
      </ol>
      <span className="w-24 shrink-0 text-right text-xs whitespace-nowrap text-fg-muted tabular-nums">
        {uptimeText(strip)}
      </span>
    </div>
  );
}
