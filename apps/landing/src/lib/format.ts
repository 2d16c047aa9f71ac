// Dates for the account and admin tables. Always UTC and a fixed locale, so the server's HTML and a
// client component's first render say the same thing (no hydration mismatch across time zones).

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

const DATE_ONLY = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** "23 Nov 2026, 14:05 UTC". */
export function formatDateTime(value: Date | string): string {
  return `${DATE_TIME.format(toDate(value))} UTC`;
}

/** "23 Nov 2026". */
export function formatDate(value: Date | string): string {
  return DATE_ONLY.format(toDate(value));
}

/** "just now", "5 min ago", "3 h ago", "2 d ago"; "in 7 d" for the future. Rounded to the nearest unit. */
export function formatRelative(value: Date | string, now: Date): string {
  const deltaSeconds = (toDate(value).getTime() - now.getTime()) / 1000;
  const seconds = Math.abs(deltaSeconds);
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  const hours = Math.round(seconds / 3600);
  const amount =
    minutes < 60 ? `${minutes} min` : hours < 24 ? `${hours} h` : `${Math.round(seconds / 86_400)} d`;
  return deltaSeconds < 0 ? `${amount} ago` : `in ${amount}`;
}
