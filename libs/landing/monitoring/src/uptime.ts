/** 24 hours in 96 buckets of 15 minutes: the status page's uptime strip. */
export const UPTIME_WINDOW_MS = 24 * 60 * 60_000;
export const UPTIME_BUCKET_MS = 15 * 60_000;
export const UPTIME_BUCKETS = UPTIME_WINDOW_MS / UPTIME_BUCKET_MS;

export type TUptimeBucketStatus = 'up' | 'degraded' | 'down' | 'no-data';

export type TUptimeBucket = {
  /** ISO start of the bucket (inclusive) and end (exclusive). */
  start: string;
  end: string;
  status: TUptimeBucketStatus;
  ok: number;
  degraded: number;
  down: number;
};

export type TUptimeStrip = {
  buckets: TUptimeBucket[];
  /** Samples that were not down, of all samples in the window, as a percentage; null without samples. */
  upPercent: number | null;
  samples: number;
};

/** Samples per status in one bucket (what HealthSampleRepository.statusCounts returns). */
export type TBucketCount = { bucket: number; ok: number; degraded: number; down: number };

/**
 * The start of the window that ends with the bucket holding `now`: buckets are aligned to
 * `bucketMs` (15-minute boundaries), so the strip does not shift between two requests.
 */
export function uptimeWindowStart(now: Date, options: { bucketMs?: number; buckets?: number } = {}): Date {
  const bucketMs = options.bucketMs ?? UPTIME_BUCKET_MS;
  const buckets = options.buckets ?? UPTIME_BUCKETS;
  const currentStart = Math.floor(now.getTime() / bucketMs) * bucketMs;
  return new Date(currentStart - (buckets - 1) * bucketMs);
}

/**
 * One target's strip: `buckets` buckets from `from`, each the worst status sampled in it
 * (one down sample makes the bucket down: the strip must not hide an outage), `no-data` when
 * nothing was sampled. Counts outside the window are ignored.
 */
export function buildUptimeStrip(
  counts: readonly TBucketCount[],
  options: { from: Date; bucketMs?: number; buckets?: number },
): TUptimeStrip {
  const bucketMs = options.bucketMs ?? UPTIME_BUCKET_MS;
  const total = options.buckets ?? UPTIME_BUCKETS;
  const byIndex = new Map<number, TBucketCount>();
  for (const count of counts) {
    if (count.bucket < 0 || count.bucket >= total) continue;
    const existing = byIndex.get(count.bucket);
    byIndex.set(
      count.bucket,
      existing
        ? {
            bucket: count.bucket,
            ok: existing.ok + count.ok,
            degraded: existing.degraded + count.degraded,
            down: existing.down + count.down,
          }
        : count,
    );
  }
  let samples = 0;
  let up = 0;
  const buckets = Array.from({ length: total }, (_, index): TUptimeBucket => {
    const count = byIndex.get(index) ?? { bucket: index, ok: 0, degraded: 0, down: 0 };
    samples += count.ok + count.degraded + count.down;
    up += count.ok + count.degraded;
    const start = new Date(options.from.getTime() + index * bucketMs);
    return {
      start: start.toISOString(),
      end: new Date(start.getTime() + bucketMs).toISOString(),
      status: count.down > 0 ? 'down' : count.degraded > 0 ? 'degraded' : count.ok > 0 ? 'up' : 'no-data',
      ok: count.ok,
      degraded: count.degraded,
      down: count.down,
    };
  });
  return {
    buckets,
    upPercent: samples === 0 ? null : Math.floor((up / samples) * 1000) / 10,
    samples,
  };
}
