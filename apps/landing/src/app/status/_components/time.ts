const CLOCK = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const CLOCK_MINUTES = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "14:05:09" (UTC, the same on the server and in the browser). */
export function clockTime(value: string, withSeconds = true): string {
  return (withSeconds ? CLOCK : CLOCK_MINUTES).format(new Date(value));
}

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "24 Nov" (UTC). */
export function dayMonth(value: string): string {
  return DAY_MONTH.format(new Date(value));
}
