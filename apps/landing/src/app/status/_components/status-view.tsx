'use client';
import { useEffect, useRef, useState } from 'react';
import {
  formatMetric,
  formatMs,
  STATUS_POLL_MS,
  type TMetricLevel,
  type TStatusSummary,
  type TTargetStatus,
} from '@lumenforge/landing-monitoring';
import { formatDateTime } from '@lumenforge/ui/format';
import {
  Badge,
  Notice,
  PageHeader,
  Section,
  TABLE,
  TABLE_WRAPPER,
  TD,
  TH,
  type TTone,
  TableHead,
} from '@lumenforge/ui/page-parts';
import { StatusBadge } from '@lumenforge/ui/status-badge';
import { clockTime } from './time';
import { UptimeStrip } from './uptime-strip';

/** Rows of the status tables: one line of text per cell, centred against the two-line name. */
const CELL = TD.replace('align-top', 'align-middle');

const LEVEL_STYLE: Record<TMetricLevel, { tone: TTone; label: string }> = {
  ok: { tone: 'success', label: 'OK' },
  warning: { tone: 'warning', label: 'Warning' },
  critical: { tone: 'danger', label: 'Critical' },
};

const OVERALL: Record<TStatusSummary['overall'], { tone: TTone; label: string }> = {
  ok: { tone: 'success', label: 'All systems operational' },
  degraded: { tone: 'warning', label: 'Some systems degraded' },
  down: { tone: 'danger', label: 'Outage' },
};

function TargetState({ target }: { target: TTargetStatus }) {
  if (target.state === 'ok' || target.state === 'degraded' || target.state === 'down')
    return <StatusBadge status={target.state} />;
  return (
    <span className="inline-flex items-center gap-1.5 text-sm font-medium text-fg-muted">
      <span aria-hidden="true" className="size-2 rounded-full border border-border-strong" />
      {target.state === 'not-used' ? 'Not used' : 'Not configured'}
    </span>
  );
}

function TargetsTable({ targets, caption }: { targets: TTargetStatus[]; caption: string }) {
  return (
    <div className={TABLE_WRAPPER}>
      <table className={TABLE}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              Name
            </th>
            <th scope="col" className={TH}>
              Status
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Latency
            </th>
            <th scope="col" className={TH}>
              Last checked
            </th>
            <th scope="col" className={`${TH} w-1/2`}>
              Last 24 hours
            </th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => (
            <tr key={target.id} data-testid={`status-row-${target.id}`}>
              <th scope="row" className={`${CELL} font-normal`}>
                <span className="block font-medium">{target.name}</span>
                <span className="block max-w-72 text-xs text-fg-muted">
                  {target.error && target.state === 'down' ? target.error : target.detail}
                </span>
              </th>
              <td className={`${CELL} whitespace-nowrap`} data-testid={`status-state-${target.id}`}>
                <TargetState target={target} />
              </td>
              <td
                className={`${CELL} text-right text-sm whitespace-nowrap tabular-nums`}
                data-testid={`status-latency-${target.id}`}
              >
                {target.latencyMs === null ? (
                  <span className="text-fg-muted">—</span>
                ) : (
                  formatMs(target.latencyMs)
                )}
              </td>
              <td className={`${CELL} text-sm whitespace-nowrap text-fg-muted tabular-nums`}>
                {target.checkedAt ? (
                  <time dateTime={target.checkedAt} title={formatDateTime(target.checkedAt)}>
                    {clockTime(target.checkedAt)} UTC
                  </time>
                ) : (
                  '—'
                )}
              </td>
              <td className={CELL}>
                {target.state === 'not-used' || target.state === 'not-configured' ? (
                  <span className="text-xs text-fg-muted">Not sampled</span>
                ) : (
                  <UptimeStrip strip={target.uptime} name={target.name} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function bound(
  value: number,
  unit: Parameters<typeof formatMetric>[1],
  direction: 'above' | 'below',
): string {
  return `${direction === 'above' ? '>' : '<'} ${formatMetric(value, unit)}`;
}

function MetricsTable({ services }: { services: TTargetStatus[] }) {
  const rows = services.flatMap((service) => service.metrics.map((metric) => ({ service, metric })));
  return (
    <div className={TABLE_WRAPPER}>
      <table className={TABLE} data-testid="metrics-table">
        <caption className="sr-only">Data-service metrics against the alert thresholds</caption>
        <TableHead
          columns={[
            'Service',
            'Metric',
            { label: 'Value', align: 'right' },
            { label: 'Warning', align: 'right' },
            { label: 'Critical', align: 'right' },
            'Level',
          ]}
        />
        <tbody>
          {rows.map(({ service, metric }) => (
            <tr key={`${service.id}.${metric.key}`} data-testid={`metric-${service.id}-${metric.key}`}>
              <td className={`${CELL} whitespace-nowrap text-fg-muted`}>{service.name}</td>
              <th scope="row" className={`${CELL} font-normal`}>
                {metric.label}
              </th>
              <td
                className={`${CELL} text-right whitespace-nowrap tabular-nums ${metric.value === null ? 'text-xs text-fg-muted' : 'text-sm'}`}
              >
                {metric.display}
              </td>
              <td className={`${CELL} text-right text-sm whitespace-nowrap text-fg-muted tabular-nums`}>
                {metric.threshold
                  ? bound(metric.threshold.warning, metric.unit, metric.threshold.direction)
                  : '—'}
              </td>
              <td className={`${CELL} text-right text-sm whitespace-nowrap text-fg-muted tabular-nums`}>
                {metric.threshold
                  ? bound(metric.threshold.critical, metric.unit, metric.threshold.direction)
                  : '—'}
              </td>
              <td className={`${CELL} whitespace-nowrap`}>
                {metric.level ? (
                  <Badge tone={LEVEL_STYLE[metric.level].tone}>{LEVEL_STYLE[metric.level].label}</Badge>
                ) : metric.threshold && metric.value !== null ? (
                  <span className="text-xs text-fg-muted">{metric.note ?? 'Not enough data'}</span>
                ) : metric.threshold ? (
                  <span className="text-xs text-fg-muted">Not measured</span>
                ) : (
                  <span className="text-xs text-fg-muted">No threshold</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Alerts({ alerts }: { alerts: TStatusSummary['alerts'] }) {
  if (alerts.length === 0)
    return (
      <p
        className="rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-fg-muted"
        data-testid="alerts-empty"
      >
        No alerts raised. A metric crossing its warning or critical threshold shows up here and in the
        activity feed.
      </p>
    );
  return (
    <ol
      className="divide-y divide-border rounded-lg border border-border bg-surface"
      data-testid="alerts-list"
    >
      {alerts.map((alert) => (
        <li key={alert.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-3 text-sm">
          <Badge tone={alert.severity === 'critical' ? 'danger' : 'warning'}>
            {alert.severity === 'critical' ? 'Critical' : 'Warning'}
          </Badge>
          <span className="min-w-0 flex-1">
            <span className="block">{alert.message}</span>
            <span className="block text-xs text-fg-muted">
              {alert.source}
              {alert.metric ? ` · ${alert.metric}` : ''}
            </span>
          </span>
          {alert.isResolved ? <Badge tone="success">Resolved</Badge> : null}
          <time dateTime={alert.occurredAt} className="text-xs whitespace-nowrap text-fg-muted tabular-nums">
            {formatDateTime(alert.occurredAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/**
 * /status: the six apps and the data services with status, latency and 24 h uptime, the
 * data-service metrics against the alert thresholds and the recent alerts. Asks GET /api/status
 * again every 15 s (a 304 while nothing changed).
 */
export function StatusView({ initial }: { initial: TStatusSummary }) {
  const [summary, setSummary] = useState(initial);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const etag = useRef<string | null>(null);

  useEffect(() => {
    let isActive = true;
    const refresh = async () => {
      try {
        const response = await fetch('/api/status', {
          headers: etag.current ? { 'if-none-match': etag.current } : {},
          cache: 'no-store',
        });
        if (response.status === 304) return;
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const next = (await response.json()) as TStatusSummary;
        etag.current = response.headers.get('etag');
        if (isActive) {
          setSummary(next);
          setRefreshError(null);
        }
      } catch (error) {
        if (isActive) setRefreshError(error instanceof Error ? error.message : String(error));
      }
    };
    const timer = setInterval(() => void refresh(), STATUS_POLL_MS);
    return () => {
      isActive = false;
      clearInterval(timer);
    };
  }, []);

  const apps = summary.targets.filter((target) => target.kind === 'app');
  const services = summary.targets.filter((target) => target.kind === 'service');
  const overall = OVERALL[summary.overall];
  return (
    <div className="space-y-8">
      <PageHeader
        title="System status"
        description={
          <>
            Every app and data service, checked now. Uptime comes from one sample per minute of each target,
            kept for {summary.sampling.retentionHours} hours;{' '}
            {summary.mode === 'cluster' ? 'cluster mode' : 'single-node mode'}.
          </>
        }
        actions={
          <div className="flex flex-col items-end gap-1">
            <span data-testid="status-overall">
              <Badge tone={overall.tone}>{overall.label}</Badge>
            </span>
            <p className="text-xs text-fg-muted tabular-nums" role="status" aria-live="polite">
              Updated {clockTime(summary.generatedAt)} UTC · refreshes every {STATUS_POLL_MS / 1000} s
            </p>
          </div>
        }
      />
      {refreshError ? (
        <Notice tone="warning">Could not refresh ({refreshError}); showing the last answer.</Notice>
      ) : null}
      {summary.sampling.lastSampleAt === null ? (
        <Notice tone="info" testId="status-no-samples">
          No samples yet: the first arrives within a minute. The uptime strips fill in from then on.
        </Notice>
      ) : null}
      <Section
        id="apps"
        title="Apps"
        description="Each app's GET /api/health: its own status and its dependencies."
      >
        <TargetsTable targets={apps} caption="The six apps" />
      </Section>
      <Section
        id="services"
        title="Data services"
        description="PostgreSQL, Redis, NATS and the registry, probed directly."
      >
        <TargetsTable targets={services} caption="Data services" />
      </Section>
      <Section
        id="metrics"
        title="Metrics"
        description="Judged against the alert thresholds; a crossing into warning or critical raises wissil.system.alert once."
      >
        <MetricsTable services={services} />
      </Section>
      <Section id="alerts" title="Recent alerts" description="Newest first, from the event log.">
        <Alerts alerts={summary.alerts} />
      </Section>
    </div>
  );
}
