import { formatUptime } from './format';
import { StatusBadge, type TStatus } from './status-badge';

export type THealthPanelReport = {
  status: TStatus;
  service: string;
  version: string;
  uptimeSeconds: number;
  checkedAt: string;
  checks: Record<string, { status: TStatus; latencyMs: number; critical: boolean; error?: string }>;
};

export type HealthPanelProps = { report: THealthPanelReport; title?: string };

/** The service's own health: overall status, every dependency with latency, version and uptime. */
export function HealthPanel({ report, title = 'Service health' }: HealthPanelProps) {
  const checks = Object.entries(report.checks);
  return (
    <section aria-labelledby="health-title" className="rounded-xl border border-border bg-surface shadow-xs">
      <div className="flex items-center justify-between gap-3 border-b border-border px-4 py-3">
        <h2 id="health-title" className="text-sm font-semibold">
          {title}
        </h2>
        <StatusBadge status={report.status} />
      </div>
      <table className="w-full text-sm">
        <caption className="sr-only">Dependencies of {report.service}</caption>
        <thead>
          <tr className="text-left text-xs text-fg-muted">
            <th scope="col" className="px-4 py-2 font-medium">
              Dependency
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Latency
            </th>
          </tr>
        </thead>
        <tbody>
          {checks.map(([name, check]) => (
            <tr key={name} className="border-t border-border align-top">
              <th scope="row" className="px-4 py-2 text-left font-medium">
                <span className="font-mono text-[0.8125rem]">{name}</span>
                {check.critical ? null : (
                  <span className="ml-2 text-xs font-normal text-fg-muted">optional</span>
                )}
                {check.error ? (
                  <p className="mt-1 text-xs font-normal break-words text-danger-text">{check.error}</p>
                ) : null}
              </th>
              <td className="px-4 py-2">
                <StatusBadge status={check.status} />
              </td>
              <td className="px-4 py-2 text-right font-mono tabular-nums">{check.latencyMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="grid grid-cols-3 gap-2 border-t border-border px-4 py-3 text-xs">
        <div>
          <dt className="text-fg-muted">Version</dt>
          <dd className="font-mono">{report.version}</dd>
        </div>
        <div>
          <dt className="text-fg-muted">Uptime</dt>
          <dd className="font-mono">{formatUptime(report.uptimeSeconds)}</dd>
        </div>
        <div>
          <dt className="text-fg-muted">Checked</dt>
          <dd className="font-mono">
            <time dateTime={report.checkedAt}>{report.checkedAt.slice(11, 19)} UTC</time>
          </dd>
        </div>
      </dl>
      <div className="border-t border-border px-4 py-2 text-xs">
        <a href="/api/health" className="text-accent-text hover:underline">
          GET /api/health
        </a>
        <span className="text-fg-muted"> — the same report as JSON</span>
      </div>
    </section>
  );
}
