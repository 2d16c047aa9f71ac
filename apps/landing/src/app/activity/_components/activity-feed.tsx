'use client';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TPermission } from '@lumenforge/auth';
import { SYSTEMS, type TSystemId } from '@lumenforge/config';
import {
  ACTIVITY_SYSTEMS,
  KIND_LABELS,
  activityKind,
  activitySystem,
  matchesFilter,
  parseActivityItem,
  visibleSubjects,
  type TActivityFilter,
  type TActivityItem,
  type TActivityPage,
} from '@lumenforge/landing-activity';
import { formatDateTime, formatRelative, plural } from '@lumenforge/ui/format';
import { BUTTON_SECONDARY, FOCUS, INPUT, LABEL, LINK, Notice } from '@lumenforge/ui/page-parts';
import { SYSTEM_DOT_CLASS } from '@lumenforge/ui/system-accent';
import { useEventStream, type TEventStreamState, type TStreamedEvent } from '@lumenforge/ui/use-event-stream';

const HISTORY_URL = '/api/activity';

const TONE_TEXT: Record<TActivityItem['tone'], string> = {
  neutral: 'text-fg',
  success: 'text-fg',
  warning: 'text-warning-text',
  danger: 'text-danger-text',
};

export type TActivityFeedProps = {
  initial: TActivityPage;
  /** The filters the page was rendered with (`full` only). */
  filter: TActivityFilter;
  urls: Record<TSystemId, string>;
  permissions: readonly TPermission[];
  /** The server's render time (ISO), so the first client render says the same relative times. */
  now: string;
  /** `full`: the /activity page (filters, paging); `compact`: the home page panel (latest `limit`). */
  variant: 'full' | 'compact';
  limit: number;
};

function queryString(filter: TActivityFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filter.system) params.set('system', filter.system);
  if (filter.kind) params.set('kind', filter.kind);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

async function fetchPage(query: string, signal?: AbortSignal): Promise<TActivityPage> {
  const response = await fetch(`${HISTORY_URL}${query}`, {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`The activity could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as TActivityPage;
}

/** `incoming` merged into `current` (no duplicates), newest first. */
function merge(current: TActivityItem[], incoming: TActivityItem[]): TActivityItem[] {
  const known = new Set(current.map((item) => item.id));
  const added = incoming.filter((item) => !known.has(item.id));
  if (added.length === 0) return current;
  return [...added, ...current].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}

/**
 * The activity feed: history from `/api/activity`, new events live (the `activity` topic of `/api/events`) at
 * the top without a reload. Reconnecting (and the first connection) re-reads the newest page, so
 * nothing published between the page render and the stream opening is missed.
 */
export function ActivityFeed(props: TActivityFeedProps) {
  const { variant, limit, urls, permissions } = props;
  const isFull = variant === 'full';
  const [items, setItems] = useState(props.initial.items);
  const [nextBefore, setNextBefore] = useState(props.initial.nextBefore);
  const [filter, setFilter] = useState<TActivityFilter>(props.filter);
  const [isLoadingOlder, setIsLoadingOlder] = useState(false);
  const [isRefreshing, setIsRefreshing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [newCount, setNewCount] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [now, setNow] = useState(() => new Date(props.now));
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const isTopVisibleRef = useRef(true);
  const topRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const context = useMemo(() => ({ urls, permissions }), [urls, permissions]);
  const subjects = useMemo(() => visibleSubjects(permissions), [permissions]);
  const cap = useCallback((list: TActivityItem[]) => (isFull ? list : list.slice(0, limit)), [isFull, limit]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // "N new" counts only while the top of the list is scrolled out of view.
  useEffect(() => {
    const top = topRef.current;
    if (!top || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => {
      isTopVisibleRef.current = entry?.isIntersecting ?? true;
      if (isTopVisibleRef.current) setNewCount(0);
    });
    observer.observe(top);
    return () => observer.disconnect();
  }, []);

  const itemsRef = useRef(items);
  itemsRef.current = items;
  const onEvent = useCallback(
    (event: TStreamedEvent) => {
      const item = parseActivityItem(event.envelope, context);
      if (!item || !matchesFilter(item.subject, filterRef.current)) return;
      if (itemsRef.current.some((known) => known.id === item.id)) return;
      setItems((current) =>
        current.some((known) => known.id === item.id) ? current : cap([item, ...current]),
      );
      setNow(new Date());
      if (!isTopVisibleRef.current) setNewCount((count) => count + 1);
      setAnnouncement(`New activity: ${item.summary}`);
    },
    [context, cap],
  );
  const state = useEventStream('activity', subjects, onEvent);

  // Each time the stream (re)opens, catch up on what arrived while it was not connected.
  const wasOpenRef = useRef(false);
  useEffect(() => {
    const isOpen = state === 'open';
    if (isOpen && !wasOpenRef.current) {
      wasOpenRef.current = true;
      fetchPage(queryString(filterRef.current, { limit: String(limit) }))
        .then((page) => setItems((current) => cap(merge(current, page.items))))
        .catch(() => undefined);
    }
    if (!isOpen) wasOpenRef.current = false;
  }, [state, limit, cap]);

  const applyFilter = useCallback(
    async (next: TActivityFilter) => {
      setFilter(next);
      filterRef.current = next;
      setNewCount(0);
      setError(null);
      setIsRefreshing(true);
      window.history.replaceState(null, '', `/activity${queryString(next)}`);
      try {
        const page = await fetchPage(queryString(next, { limit: String(limit) }));
        if (filterRef.current !== next) return;
        setItems(page.items);
        setNextBefore(page.nextBefore);
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : 'The activity could not be loaded.');
      } finally {
        if (filterRef.current === next) setIsRefreshing(false);
      }
    },
    [limit],
  );

  const loadOlder = useCallback(async () => {
    if (nextBefore === null) return;
    setIsLoadingOlder(true);
    setError(null);
    try {
      const page = await fetchPage(
        queryString(filterRef.current, { before: String(nextBefore), limit: String(limit) }),
      );
      setItems((current) => {
        const known = new Set(current.map((item) => item.id));
        return [...current, ...page.items.filter((item) => !known.has(item.id))];
      });
      setNextBefore(page.nextBefore);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Older activity could not be loaded.');
    } finally {
      setIsLoadingOlder(false);
    }
  }, [nextBefore, limit]);

  const showNewest = () => {
    topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    headingRef.current?.focus({ preventScroll: true });
    setNewCount(0);
  };

  const hasFilters = Boolean(filter.system || filter.kind);
  const headingId = useId();

  return (
    <div className={isFull ? 'space-y-4' : 'space-y-2'}>
      {isFull ? (
        <ActivityFilters
          filter={filter}
          permissions={permissions}
          onChange={(next) => void applyFilter(next)}
          liveState={state}
        />
      ) : null}

      <div ref={topRef} className="scroll-mt-20" />
      <section aria-labelledby={headingId} className="relative">
        <div className="flex items-baseline justify-between gap-3">
          <h2
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            className={isFull ? 'sr-only' : `text-sm font-semibold ${FOCUS}`}
          >
            {isFull ? 'Events, newest first' : 'Recent activity'}
          </h2>
          {isFull ? null : (
            <span className="flex items-baseline gap-3">
              <LiveIndicator state={state} />
              <a href="/activity" className={`${LINK} text-sm`} data-testid="activity-view-all">
                View all activity
              </a>
            </span>
          )}
        </div>

        {newCount > 0 ? (
          <div className="sticky top-16 z-10 flex justify-center">
            <button
              type="button"
              onClick={showNewest}
              className={`${BUTTON_SECONDARY} mt-2 shadow-md`}
              data-testid="activity-new-count"
            >
              <span aria-hidden="true">↑</span> {plural(newCount, 'new event')}
            </button>
          </div>
        ) : null}

        {error ? (
          <Notice tone="danger" className="mt-2" testId="activity-error">
            {error}
          </Notice>
        ) : null}

        {items.length === 0 ? (
          <EmptyState isFull={isFull} hasFilters={hasFilters} onClear={() => void applyFilter({})} />
        ) : (
          <ol
            className={`${isFull ? '' : 'mt-2'} divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface ${isRefreshing ? 'opacity-60' : ''}`}
            aria-busy={isRefreshing}
            data-testid="activity-list"
          >
            {items.map((item) => (
              <ActivityRow key={item.id} item={item} now={now} compact={!isFull} />
            ))}
          </ol>
        )}
      </section>

      {isFull && items.length > 0 ? (
        <nav aria-label="Older activity" className="flex items-center justify-between gap-4 text-sm">
          <span className="text-fg-muted" data-testid="activity-count">
            {plural(items.length, 'event')} shown
          </span>
          {nextBefore !== null ? (
            <button
              type="button"
              className={BUTTON_SECONDARY}
              onClick={() => void loadOlder()}
              disabled={isLoadingOlder}
              data-testid="activity-load-older"
            >
              {isLoadingOlder ? 'Loading…' : 'Load older'}
            </button>
          ) : (
            <span className="text-fg-muted">You have reached the oldest event.</span>
          )}
        </nav>
      ) : null}

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

/** "Live" while the event stream is connected, so a stale list is recognisable. */
function LiveIndicator({ state }: { state: TEventStreamState }) {
  const isLive = state === 'open';
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-fg-muted"
      data-testid="activity-live"
      data-live={isLive}
    >
      <span
        aria-hidden="true"
        className={`size-2 rounded-full ${isLive ? 'bg-success-500' : 'bg-neutral-400'}`}
      />
      {isLive
        ? 'Live'
        : state === 'connecting'
          ? 'Connecting…'
          : state === 'ended'
            ? 'Signed out'
            : 'Reconnecting…'}
    </span>
  );
}

function ActivityFilters({
  filter,
  permissions,
  onChange,
  liveState,
}: {
  filter: TActivityFilter;
  permissions: readonly TPermission[];
  onChange: (filter: TActivityFilter) => void;
  liveState: TEventStreamState;
}) {
  const subjects = visibleSubjects(permissions);
  const systems = ACTIVITY_SYSTEMS.filter((id) => subjects.some((subject) => activitySystem(subject) === id));
  const kindSystems = systems.filter((id) => !filter.system || filter.system === id);
  return (
    <form
      method="get"
      action="/activity"
      role="search"
      aria-label="Filter activity"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => event.preventDefault()}
      data-testid="activity-filters"
    >
      <div className="w-44">
        <label htmlFor="activity-system" className={LABEL}>
          System
        </label>
        <select
          id="activity-system"
          name="system"
          value={filter.system ?? ''}
          className={`${INPUT} mt-1`}
          onChange={(event) => {
            const system = (event.target.value || undefined) as TSystemId | undefined;
            const kind =
              filter.kind && system && activitySystem(`wissil.${filter.kind}`) !== system
                ? undefined
                : filter.kind;
            onChange({ system, kind });
          }}
          data-testid="activity-system-filter"
        >
          <option value="">All systems</option>
          {systems.map((id) => (
            <option key={id} value={id}>
              {SYSTEMS[id].name}
            </option>
          ))}
        </select>
      </div>
      <div className="w-56">
        <label htmlFor="activity-kind" className={LABEL}>
          Kind
        </label>
        <select
          id="activity-kind"
          name="kind"
          value={filter.kind ?? ''}
          className={`${INPUT} mt-1`}
          onChange={(event) => onChange({ system: filter.system, kind: event.target.value || undefined })}
          data-testid="activity-kind-filter"
        >
          <option value="">All kinds</option>
          {kindSystems.map((id) => (
            <optgroup key={id} label={SYSTEMS[id].name}>
              {subjects
                .filter((subject) => activitySystem(subject) === id)
                .map((subject) => (
                  <option key={subject} value={activityKind(subject)}>
                    {KIND_LABELS[subject]}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <noscript>
        <button type="submit" className={BUTTON_SECONDARY}>
          Apply
        </button>
      </noscript>
      {filter.system || filter.kind ? (
        <button type="button" className={BUTTON_SECONDARY} onClick={() => onChange({})}>
          Clear filters
        </button>
      ) : null}
      <span className="ml-auto self-center">
        <LiveIndicator state={liveState} />
      </span>
    </form>
  );
}

function EmptyState({
  isFull,
  hasFilters,
  onClear,
}: {
  isFull: boolean;
  hasFilters: boolean;
  onClear: () => void;
}) {
  return (
    <div
      className={`${isFull ? '' : 'mt-2'} rounded-lg border border-dashed border-border-strong px-4 py-6 text-sm text-fg-muted`}
      data-testid="activity-empty"
    >
      {hasFilters ? (
        <>
          <p className="font-medium text-fg">No events match these filters yet.</p>
          <p className="mt-1">Matching events will appear here as they happen.</p>
          <button type="button" className={`${LINK} mt-2`} onClick={onClear}>
            Show all activity
          </button>
        </>
      ) : (
        <>
          <p className="font-medium text-fg">No activity yet.</p>
          <p className="mt-1">
            Token versions published in Slate, components from Spark, builds in Ignis, new projects in
            Ignition, deployments in Waypoint and platform alerts will appear here as they happen, without
            reloading.
          </p>
        </>
      )}
    </div>
  );
}

function ActivityRow({ item, now, compact }: { item: TActivityItem; now: Date; compact: boolean }) {
  const system = SYSTEMS[item.system];
  return (
    <li
      className={`flex items-start gap-3 ${compact ? 'px-3 py-2' : 'px-4 py-2.5'}`}
      data-testid="activity-row"
      data-subject={item.subject}
      data-system={item.system}
      data-event-id={item.id}
    >
      <span
        aria-hidden="true"
        className={`mt-1.5 size-2 shrink-0 rounded-full ${SYSTEM_DOT_CLASS[item.system]}`}
      />
      <div className="min-w-0 flex-1">
        <p
          className={`text-sm ${compact ? 'truncate' : ''} ${TONE_TEXT[item.tone]}`}
          title={compact ? item.summary : undefined}
        >
          {item.summary}
        </p>
        {item.detail && !compact ? (
          <p className="mt-0.5 truncate font-mono text-xs text-fg-muted" title={item.detail}>
            {item.detail}
          </p>
        ) : null}
        <p className="mt-0.5 flex flex-wrap items-baseline gap-x-1.5 text-xs text-fg-muted">
          <span>{system.name}</span>
          {compact ? null : (
            <>
              <span aria-hidden="true">·</span>
              <span>{item.kindLabel}</span>
              <span aria-hidden="true">·</span>
              <span data-testid="activity-actor">by {item.actor.name}</span>
            </>
          )}
          <span aria-hidden="true">·</span>
          {item.target.href ? (
            <a href={item.target.href} className={LINK} data-testid="activity-link">
              {item.target.text}
            </a>
          ) : (
            <span title={item.target.id} data-testid="activity-item">
              {item.target.text}
              {item.target.text.includes(item.target.id.slice(0, 8)) ? null : (
                <span className="ml-1 font-mono">{item.target.id.slice(0, 8)}</span>
              )}
            </span>
          )}
        </p>
      </div>
      <time
        dateTime={item.occurredAt}
        title={formatDateTime(item.occurredAt)}
        className="shrink-0 text-xs whitespace-nowrap text-fg-muted"
      >
        {formatRelative(item.occurredAt, now)}
      </time>
    </li>
  );
}
