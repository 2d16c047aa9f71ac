'use client';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  HEALTH_FALLBACK_POLL_MS,
  cardHealthState,
  clockOffsetFrom,
  COMPONENT_CARD_SUBJECTS,
  componentsLifecycleAfterEvent,
  newerComponentsLifecycle,
  describeLifecycle,
  newerReport,
  newerTokensLifecycle,
  staleSystems,
  tokensLifecycleFromEvent,
  type TCardHealthReport,
  type TCardHealthState,
  type TCardSystemId,
  type TSystemsStatus,
} from '@lumenforge/landing-monitoring';
import { formatDate, formatRelative } from '@lumenforge/ui/format';
import { Badge, LINK } from '@lumenforge/ui/page-parts';
import { StatusBadge } from '@lumenforge/ui/status-badge';
import { useEventStream, type TStreamedEvent } from '@lumenforge/ui/use-event-stream';
import type { TVisibleLifecycle } from './_components/system-card-types';

const STATUS_URL = '/api/systems/status';
const LIFECYCLE_URL = '/api/systems/lifecycle';
/** How often the cards re-evaluate staleness (and their "checked … ago"). */
const TICK_MS = 2_000;
/** At most one check of stale systems this often (a failing check is not retried in a loop). */
const MIN_CHECK_GAP_MS = 5_000;
/** After a component event, the summary is fetched again once the burst is over (a new version may be the last generation). */
const COMPONENT_REFRESH_DELAY_MS = 1_500;

type TReports = Partial<Record<string, TCardHealthReport>>;

type TLiveCards = {
  reports: TReports;
  lifecycle: TVisibleLifecycle;
  nowMs: number;
  clockOffsetMs: number;
  hasCheckFailed: boolean;
  isLive: boolean;
};

const LiveCardsContext = createContext<TLiveCards | null>(null);

function useLiveCards(): TLiveCards {
  const value = useContext(LiveCardsContext);
  if (!value) throw new Error('LiveHealthProvider is missing');
  return value;
}

/**
 * Keeps the home page's system cards current: health from the `wissil.system.health` events each
 * app publishes every 15 s, SLATE's published version from `wissil.tokens.updated`, SPARK's count
 * and last generation from `wissil.component.{created,updated,published}` (topics `health`,
 * `tokens` and `activity` of the app's one live connection). A system whose last report is older
 * than 35 s shows "Checking…" and LANDING checks it (`GET /api/systems/status`: down when its /api/health fails); while the stream is not open the
 * page polls that route every 15 s instead.
 */
export function LiveHealthProvider({
  initial,
  lifecycle: initialLifecycle,
  serverNow,
  systems,
  children,
}: {
  /** The server's check of the systems when the page was rendered. */
  initial: TSystemsStatus;
  lifecycle: TVisibleLifecycle;
  /** The render time on the server's clock (ISO): the first client render says what the server said. */
  serverNow: string;
  /** The systems with a card. */
  systems: readonly string[];
  children: ReactNode;
}) {
  const [reports, setReports] = useState<TReports>(initial.systems);
  const [lifecycle, setLifecycle] = useState(initialLifecycle);
  const [nowMs, setNowMs] = useState(() => Date.parse(serverNow));
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const [hasCheckFailed, setHasCheckFailed] = useState(false);
  const isChecking = useRef(false);
  const lastCheckAt = useRef(0);
  const componentRefresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** The lifecycle summary again; neither card goes back to an older state than it shows. */
  const refreshLifecycle = useCallback(async () => {
    try {
      const response = await fetch(LIFECYCLE_URL, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const body = (await response.json()) as { lifecycle: TVisibleLifecycle };
      setLifecycle((current) => ({
        ...body.lifecycle,
        slate:
          current.slate && body.lifecycle.slate
            ? newerTokensLifecycle(current.slate, body.lifecycle.slate)
            : body.lifecycle.slate,
        spark:
          current.spark && body.lifecycle.spark
            ? newerComponentsLifecycle(current.spark, body.lifecycle.spark)
            : body.lifecycle.spark,
      }));
    } catch {
      // The next poll or event tries again.
    }
  }, []);

  useEffect(
    () => () => {
      if (componentRefresh.current) clearTimeout(componentRefresh.current);
    },
    [],
  );

  const onEvent = useCallback(
    (event: TStreamedEvent) => {
      if (event.subject.startsWith('wissil.component.')) {
        setLifecycle((current) =>
          current.spark
            ? { ...current, spark: componentsLifecycleAfterEvent(current.spark, event.envelope) }
            : current,
        );
        if (componentRefresh.current) clearTimeout(componentRefresh.current);
        componentRefresh.current = setTimeout(() => void refreshLifecycle(), COMPONENT_REFRESH_DELAY_MS);
        return;
      }
      if (event.subject === 'wissil.tokens.updated') {
        const next = tokensLifecycleFromEvent(event.envelope);
        if (next)
          setLifecycle((current) =>
            current.slate ? { ...current, slate: newerTokensLifecycle(current.slate, next) } : current,
          );
        return;
      }
      const data = event.envelope.data as { service?: unknown; status?: unknown; checkedAt?: unknown };
      if (
        typeof data.service !== 'string' ||
        (data.status !== 'ok' && data.status !== 'degraded' && data.status !== 'down')
      )
        return;
      const report: TCardHealthReport = {
        status: data.status,
        checkedAt: typeof data.checkedAt === 'string' ? data.checkedAt : event.envelope.occurredAt,
        latencyMs: null,
        source: 'event',
      };
      const service = data.service;
      setReports((current) => ({ ...current, [service]: newerReport(current[service], report) }));
    },
    [refreshLifecycle],
  );
  // Both topics travel on the app's one live connection (shared with the other tabs).
  const healthState = useEventStream('health', ['wissil.system.health'], onEvent);
  useEventStream('tokens', ['wissil.tokens.updated'], onEvent);
  // SPARK's card: the workspace's component events travel on the activity topic (as in the feed).
  useEventStream('activity', COMPONENT_CARD_SUBJECTS, onEvent);
  const isLive = healthState === 'open';

  /** LANDING checks every system now; the answers replace older reports. */
  const check = useCallback(
    async (options: { withLifecycle?: boolean } = {}) => {
      if (isChecking.current) return;
      isChecking.current = true;
      lastCheckAt.current = Date.now();
      try {
        const response = await fetch(STATUS_URL, {
          cache: 'no-store',
          headers: { Accept: 'application/json' },
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as TSystemsStatus;
        setClockOffsetMs(clockOffsetFrom(body.checkedAt, Date.now()));
        setReports((current) => {
          const next = { ...current };
          for (const [system, report] of Object.entries(body.systems))
            next[system] = newerReport(current[system], report);
          return next;
        });
        setHasCheckFailed(false);
      } catch {
        setHasCheckFailed(true);
      } finally {
        isChecking.current = false;
        setNowMs(Date.now());
      }
      if (options.withLifecycle) await refreshLifecycle();
    },
    [refreshLifecycle],
  );

  // The clock: the server's render time until hydration, then the browser's (with the offset).
  useEffect(() => {
    setClockOffsetMs(clockOffsetFrom(serverNow, Date.now()));
    setNowMs(Date.now());
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [serverNow]);

  // Stale reports: ask LANDING.
  useEffect(() => {
    if (isChecking.current || Date.now() - lastCheckAt.current < MIN_CHECK_GAP_MS) return;
    if (staleSystems(reports, systems, nowMs, { clockOffsetMs }).length > 0) void check();
  }, [reports, systems, nowMs, clockOffsetMs, check]);

  // The fallback while the event stream is not open: poll health and lifecycle every 15 s.
  useEffect(() => {
    if (isLive) return;
    const timer = setInterval(() => void check({ withLifecycle: true }), HEALTH_FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [isLive, check]);

  return (
    <LiveCardsContext.Provider value={{ reports, lifecycle, nowMs, clockOffsetMs, hasCheckFailed, isLive }}>
      {children}
    </LiveCardsContext.Provider>
  );
}

function useCardHealth(system: string): { state: TCardHealthState; report: TCardHealthReport | undefined } {
  const { reports, nowMs, clockOffsetMs, hasCheckFailed } = useLiveCards();
  const report = reports[system];
  return { state: cardHealthState(report, nowMs, { clockOffsetMs, hasCheckFailed }), report };
}

/** One system's status (a dot and a word, never colour alone), updated live. */
export function LiveHealthBadge({ system }: { system: string }) {
  const { state } = useCardHealth(system);
  if (state === 'checking' || state === 'unknown')
    return (
      <span className="inline-flex items-center gap-1.5 text-sm font-medium text-fg-muted" data-state={state}>
        <span aria-hidden="true" className="size-2 rounded-full border border-neutral-400 bg-neutral-200" />
        {state === 'checking' ? 'Checking…' : 'Unknown'}
      </span>
    );
  return (
    <span data-state={state} className="inline-flex">
      <StatusBadge status={state} />
    </span>
  );
}

/** "Checked just now · 12 ms": when the shown status was measured, and LANDING's last latency to it. */
export function LiveHealthMeta({ system }: { system: string }) {
  const { nowMs, clockOffsetMs } = useLiveCards();
  const { report } = useCardHealth(system);
  if (!report) return null;
  return (
    <span className="text-xs text-fg-muted" data-testid={`health-meta-${system}`}>
      Checked {formatRelative(report.checkedAt, new Date(nowMs + clockOffsetMs))}
      {report.latencyMs !== null ? ` · ${report.latencyMs} ms` : ''}
    </span>
  );
}

/** A card's lifecycle block: facts, or what will appear and where from. */
export function LiveLifecycle({ system, systemUrl }: { system: TCardSystemId; systemUrl: string }) {
  const { lifecycle } = useLiveCards();
  const state = lifecycle[system];
  if (!state) return null;
  const view = describeLifecycle(system, state, { formatDate, systemUrl });
  return (
    <div
      className="mt-3 border-t border-border pt-3 text-sm"
      data-testid={`lifecycle-${system}`}
      data-kind={view.kind}
    >
      {view.kind === 'facts' ? (
        <div className="flex items-start justify-between gap-2">
          <dl className="grid min-w-0 grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
            {view.facts.map((fact) => (
              <div key={fact.label} className="contents">
                <dt className="text-fg-muted">{fact.label}</dt>
                <dd
                  className={`truncate ${fact.tone === 'danger' ? 'text-danger-text' : fact.tone === 'success' ? 'text-success-text' : ''}`}
                >
                  {fact.href ? (
                    <a href={fact.href} className={`${LINK} relative z-10`}>
                      {fact.value}
                    </a>
                  ) : (
                    fact.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {view.badge ? (
            <Badge tone={view.badge.tone} testId={`lifecycle-badge-${system}`}>
              {view.badge.text}
            </Badge>
          ) : null}
        </div>
      ) : (
        <p className={view.kind === 'unavailable' ? 'text-warning-text' : 'text-fg-muted'}>{view.text}</p>
      )}
    </div>
  );
}

/** "Live status" while the event stream is connected; otherwise the cards are polled. */
export function LiveIndicator() {
  const { isLive } = useLiveCards();
  return (
    <span className="text-xs text-fg-muted" data-live={isLive} data-testid="cards-live">
      {isLive ? 'Live status' : 'Connecting to live status…'}
    </span>
  );
}
