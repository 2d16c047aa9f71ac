// The home page's live health per system card: which reports are too old to trust. Pure and
// clock-injected (the page passes Date.now() and the server-clock offset), so it is unit-tested.

/** Every app publishes `wissil.system.health` this often (runtime `startBackground`). */
export const HEALTH_REPORT_INTERVAL_MS = 15_000;
/**
 * A report older than this (one missed report and some slack) is no longer trusted: with the page's
 * 2 s tick and the 1.5 s peer check, a stopped app's card turns red at most ~24 s after its last
 * report (the issue asks for 30 s).
 */
export const HEALTH_STALE_AFTER_MS = 20_000;
/** How often the page asks `GET /api/systems/status` while its event stream is not open. */
export const HEALTH_FALLBACK_POLL_MS = 15_000;
/** The server-side peer check's timeout (`GET /api/systems/status`). */
export const PEER_CHECK_TIMEOUT_MS = 1_500;

export type TCardHealthStatus = 'ok' | 'degraded' | 'down';

/** The newest thing the page knows about one system's health. */
export type TCardHealthReport = {
  status: TCardHealthStatus;
  /** When it was measured, on the server's clock (ISO 8601). */
  checkedAt: string;
  /** From LANDING's peer check; null for reports that arrived as events. */
  latencyMs: number | null;
  source: 'event' | 'check';
  error?: string | null;
};

/**
 * What a card shows. `checking`: the last report is stale and a check is due or under way;
 * `unknown`: stale, and the check itself could not be made (LANDING did not answer).
 */
export type TCardHealthState = TCardHealthStatus | 'checking' | 'unknown';

/** The body of `GET /api/systems/status`. */
export type TSystemsStatus = {
  checkedAt: string;
  systems: Record<string, TCardHealthReport>;
};

export type TStalenessOptions = {
  /** Server clock minus browser clock, in ms (reports carry the server's time). Default 0. */
  clockOffsetMs?: number;
  /** Default {@link HEALTH_STALE_AFTER_MS}. */
  staleAfterMs?: number;
};

/** How old a report is at `nowMs` (the browser's clock), on the server's clock. */
export function reportAgeMs(report: Pick<TCardHealthReport, 'checkedAt'>, nowMs: number, clockOffsetMs = 0) {
  return nowMs + clockOffsetMs - Date.parse(report.checkedAt);
}

/** True when there is no report, it has no valid time, or it is older than `staleAfterMs` (exclusive). */
export function isReportStale(
  report: Pick<TCardHealthReport, 'checkedAt'> | undefined,
  nowMs: number,
  options: TStalenessOptions = {},
): boolean {
  if (!report) return true;
  const age = reportAgeMs(report, nowMs, options.clockOffsetMs);
  if (Number.isNaN(age)) return true;
  return age > (options.staleAfterMs ?? HEALTH_STALE_AFTER_MS);
}

/**
 * The state a card shows at `nowMs`. A fresh report is shown as it is. A stale one is "checking"
 * (or "unknown" once a check could not be made), except a stale `down`: a stopped app stays down
 * until something says otherwise, so its card does not flicker while it is checked again.
 */
export function cardHealthState(
  report: TCardHealthReport | undefined,
  nowMs: number,
  options: TStalenessOptions & { hasCheckFailed?: boolean } = {},
): TCardHealthState {
  if (report && !isReportStale(report, nowMs, options)) return report.status;
  if (report?.status === 'down') return 'down';
  return options.hasCheckFailed ? 'unknown' : 'checking';
}

/** The systems whose report is stale at `nowMs`: the page asks the server about them. */
export function staleSystems(
  reports: Readonly<Partial<Record<string, TCardHealthReport>>>,
  systems: readonly string[],
  nowMs: number,
  options: TStalenessOptions = {},
): string[] {
  return systems.filter((system) => isReportStale(reports[system], nowMs, options));
}

/** Keeps the newer of two reports (events can be replayed after a reconnect, checks can overtake). */
export function newerReport(
  current: TCardHealthReport | undefined,
  next: TCardHealthReport,
): TCardHealthReport {
  if (!current) return next;
  const nextAt = Date.parse(next.checkedAt);
  const currentAt = Date.parse(current.checkedAt);
  if (Number.isNaN(nextAt)) return current;
  if (Number.isNaN(currentAt) || nextAt >= currentAt) {
    // An event has no latency of its own: keep the last measured one.
    return next.latencyMs === null && current.latencyMs !== null
      ? { ...next, latencyMs: current.latencyMs }
      : next;
  }
  return current;
}

/** Server clock minus browser clock, from a server timestamp taken "now" (a response's `checkedAt`). */
export function clockOffsetFrom(serverNowIso: string, browserNowMs: number): number {
  const server = Date.parse(serverNowIso);
  return Number.isNaN(server) ? 0 : server - browserNowMs;
}
