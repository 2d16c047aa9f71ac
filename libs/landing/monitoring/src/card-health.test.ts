import { describe, expect, it } from 'vitest';
import {
  cardHealthState,
  clockOffsetFrom,
  HEALTH_STALE_AFTER_MS,
  isReportStale,
  newerReport,
  reportAgeMs,
  staleSystems,
  type TCardHealthReport,
} from './card-health';

const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const report = (status: TCardHealthReport['status'], atMs: number, latencyMs: number | null = null) =>
  ({ status, checkedAt: new Date(atMs).toISOString(), latencyMs, source: 'event' }) as TCardHealthReport;

describe('health staleness', () => {
  it('trusts a report for 35 s: stale strictly after the boundary', () => {
    expect(HEALTH_STALE_AFTER_MS).toBe(20_000);
    const ok = report('ok', T0);
    expect(isReportStale(ok, T0)).toBe(false);
    expect(isReportStale(ok, T0 + 19_999)).toBe(false);
    expect(isReportStale(ok, T0 + 20_000)).toBe(false);
    expect(isReportStale(ok, T0 + 20_001)).toBe(true);
    expect(isReportStale(ok, T0 + 20_001, { staleAfterMs: 25_000 })).toBe(false);
  });

  it('treats a missing or undated report as stale, and a report from the future as fresh', () => {
    expect(isReportStale(undefined, T0)).toBe(true);
    expect(isReportStale({ checkedAt: 'not a date' }, T0)).toBe(true);
    expect(isReportStale(report('ok', T0 + 5_000), T0)).toBe(false);
  });

  it('ages reports on the server clock: the browser clock plus the offset', () => {
    // The browser runs 10 s behind the server: a report checked at server T0 is 0 s old at browser T0 - 10 s.
    const offset = clockOffsetFrom(new Date(T0).toISOString(), T0 - 10_000);
    expect(offset).toBe(10_000);
    expect(reportAgeMs(report('ok', T0), T0 - 10_000, offset)).toBe(0);
    // Browser T0 + 15 s is server T0 + 25 s: stale (> 20 s); browser T0 + 5 s is server T0 + 15 s: not.
    expect(isReportStale(report('ok', T0), T0 + 15_000, { clockOffsetMs: offset })).toBe(true);
    expect(isReportStale(report('ok', T0), T0 + 5_000, { clockOffsetMs: offset })).toBe(false);
    expect(clockOffsetFrom('garbage', T0)).toBe(0);
  });

  it('shows a fresh report as is, a stale one as checking, then unknown when the check cannot be made', () => {
    expect(cardHealthState(report('ok', T0), T0 + 10_000)).toBe('ok');
    expect(cardHealthState(report('degraded', T0), T0 + 20_000)).toBe('degraded');
    expect(cardHealthState(report('ok', T0), T0 + 20_001)).toBe('checking');
    expect(cardHealthState(report('ok', T0), T0 + 20_001, { hasCheckFailed: true })).toBe('unknown');
    expect(cardHealthState(undefined, T0)).toBe('checking');
  });

  it('keeps a stale down as down while it is checked again (no flicker)', () => {
    expect(cardHealthState(report('down', T0), T0 + 60_000)).toBe('down');
    expect(cardHealthState(report('down', T0), T0 + 60_000, { hasCheckFailed: true })).toBe('down');
  });

  it('lists the systems to check: stale or never reported', () => {
    const reports = { slate: report('ok', T0), spark: report('ok', T0 - 36_000), ignis: report('down', T0) };
    expect(staleSystems(reports, ['slate', 'spark', 'ignis', 'waypoint'], T0)).toEqual(['spark', 'waypoint']);
    expect(staleSystems(reports, ['slate', 'ignis'], T0 + 20_000)).toEqual([]);
    expect(staleSystems(reports, ['slate', 'ignis'], T0 + 20_001)).toEqual(['slate', 'ignis']);
  });

  it('keeps the newer report, and the last measured latency when an event has none', () => {
    const checked = { ...report('ok', T0, 12), source: 'check' as const };
    const event = report('ok', T0 + 15_000);
    expect(newerReport(undefined, event)).toBe(event);
    expect(newerReport(checked, event)).toEqual({ ...event, latencyMs: 12 });
    expect(newerReport(event, checked)).toBe(event);
    const down = { ...report('down', T0 + 20_000, 1_500), source: 'check' as const };
    expect(newerReport(event, down)).toBe(down);
    expect(newerReport(event, { ...event, checkedAt: 'bad' })).toBe(event);
  });
});
