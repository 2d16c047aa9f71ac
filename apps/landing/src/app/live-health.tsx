'use client';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { StatusBadge, type TStatus } from '@lumenforge/ui/status-badge';
import { useEventStream } from '@lumenforge/ui/use-event-stream';

type TLiveHealth = { statuses: Record<string, TStatus>; isLive: boolean };
const LiveHealthContext = createContext<TLiveHealth>({ statuses: {}, isLive: false });

const HEALTH_SUBJECTS = ['wissil.system.health'];

/** Keeps every system's status current from the `wissil.system.health` events each app publishes. */
export function LiveHealthProvider({
  initial,
  children,
}: {
  initial: Record<string, TStatus>;
  children: ReactNode;
}) {
  const [statuses, setStatuses] = useState(initial);
  const onEvent = useCallback((event: { envelope: { data: unknown } }) => {
    const report = event.envelope.data as { service?: string; status?: TStatus };
    if (report.service && report.status)
      setStatuses((current) => ({ ...current, [report.service as string]: report.status as TStatus }));
  }, []);
  const state = useEventStream('/api/events/health', HEALTH_SUBJECTS, onEvent);
  return (
    <LiveHealthContext.Provider value={{ statuses, isLive: state === 'open' }}>
      {children}
    </LiveHealthContext.Provider>
  );
}

/** One system's status badge, updated live. */
export function LiveHealthBadge({ system }: { system: string }) {
  const { statuses } = useContext(LiveHealthContext);
  const status = statuses[system];
  return status ? <StatusBadge status={status} /> : null;
}

/** "Live" while the event stream is connected, so a stale page is recognisable. */
export function LiveIndicator() {
  const { isLive } = useContext(LiveHealthContext);
  return (
    <span className="text-xs text-fg-muted" data-live={isLive}>
      {isLive ? 'Live status' : 'Connecting to live status…'}
    </span>
  );
}
