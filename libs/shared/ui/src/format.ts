// Text formats for the apps' pages. Dates are always UTC in a fixed locale, so the server's HTML and
// a client component's first render say the same thing (no hydration mismatch across time zones).

/** "45 s", "12 min", "3 h 12 min", "2 d 4 h": compact uptime for developers. */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

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

/** "1 token" / "3 tokens"; `pluralForm` for irregular ones ("2 matches"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
