import { describe, expect, it } from 'vitest';
import { buildUptimeStrip, UPTIME_BUCKET_MS, UPTIME_BUCKETS, uptimeWindowStart } from './uptime';

describe('uptime strip', () => {
  const now = new Date('2026-11-24T10:07:30Z');
  const from = uptimeWindowStart(now);

  it('covers 24 h in 96 aligned 15-minute buckets ending with the current one', () => {
    expect(UPTIME_BUCKETS).toBe(96);
    expect(from.toISOString()).toBe('2026-11-23T10:15:00.000Z');
    const strip = buildUptimeStrip([], { from });
    expect(strip.buckets).toHaveLength(96);
    expect(strip.buckets.at(-1)?.start).toBe('2026-11-24T10:00:00.000Z');
    expect(strip.buckets.at(-1)?.end).toBe('2026-11-24T10:15:00.000Z');
    expect(strip.buckets.every((bucket) => bucket.status === 'no-data')).toBe(true);
    expect(strip.upPercent).toBeNull();
    expect(strip.samples).toBe(0);
  });

  it('marks each bucket with its worst status and sums the uptime over samples', () => {
    const strip = buildUptimeStrip(
      [
        { bucket: 0, ok: 15, degraded: 0, down: 0 },
        { bucket: 1, ok: 14, degraded: 1, down: 0 },
        { bucket: 2, ok: 14, degraded: 0, down: 1 },
        { bucket: 95, ok: 7, degraded: 0, down: 0 },
        { bucket: 96, ok: 0, degraded: 0, down: 50 }, // outside the window: ignored
        { bucket: -1, ok: 0, degraded: 0, down: 50 },
      ],
      { from },
    );
    expect(strip.buckets.slice(0, 4).map((bucket) => bucket.status)).toEqual([
      'up',
      'degraded',
      'down',
      'no-data',
    ]);
    expect(strip.buckets[95]?.status).toBe('up');
    expect(strip.samples).toBe(52);
    expect(strip.upPercent).toBe(98.0); // 51 of 52, rounded down to 0.1
  });

  it('rounds down, so an outage never reads as 100 %', () => {
    const strip = buildUptimeStrip([{ bucket: 0, ok: 1439, degraded: 0, down: 1 }], { from });
    expect(strip.upPercent).toBe(99.9);
  });

  it('merges counts given twice for one bucket and takes other widths', () => {
    const strip = buildUptimeStrip(
      [
        { bucket: 0, ok: 1, degraded: 0, down: 0 },
        { bucket: 0, ok: 0, degraded: 0, down: 1 },
      ],
      { from, bucketMs: UPTIME_BUCKET_MS * 4, buckets: 24 },
    );
    expect(strip.buckets).toHaveLength(24);
    expect(strip.buckets[0]).toMatchObject({ status: 'down', ok: 1, down: 1 });
    expect(strip.upPercent).toBe(50);
  });
});
