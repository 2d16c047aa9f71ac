import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative, formatUptime, plural } from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [3600, '1 h'],
    [3720, '1 h 2 min'],
    [86400 + 3600 * 4, '1 d 4 h'],
    [-5, '0 s'],
  ])('%s seconds → %s', (seconds, expected) => {
    expect(formatUptime(seconds)).toBe(expected);
  });
});

describe('dates (UTC, en-GB)', () => {
  it('formats a date and time in UTC whatever the machine’s time zone', () => {
    expect(formatDateTime('2026-11-23T23:05:00.000Z')).toBe('23 Nov 2026, 23:05 UTC');
    expect(formatDateTime(new Date('2026-01-02T00:00:00.000Z'))).toBe('2 Jan 2026, 00:00 UTC');
    expect(formatDate('2026-11-23T23:59:00.000Z')).toBe('23 Nov 2026');
  });

  const now = new Date('2026-11-23T12:00:00.000Z');
  it.each([
    ['2026-11-23T11:59:30.000Z', 'just now'],
    ['2026-11-23T11:55:00.000Z', '5 min ago'],
    ['2026-11-23T09:00:00.000Z', '3 h ago'],
    ['2026-11-21T12:00:00.000Z', '2 d ago'],
    ['2026-11-30T12:00:00.000Z', 'in 7 d'],
  ])('%s is %j relative to noon', (value, expected) => {
    expect(formatRelative(value, now)).toBe(expected);
  });
});

describe('plural', () => {
  it('counts with the singular only for one', () => {
    expect(plural(1, 'token')).toBe('1 token');
    expect(plural(0, 'token')).toBe('0 tokens');
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
  });
});
