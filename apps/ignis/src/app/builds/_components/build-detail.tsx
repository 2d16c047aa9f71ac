'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TBuildMetrics, TBuildView, TLogLine } from '@lumenforge/ignis-builds/store';
import { sendJson } from '@lumenforge/ui/api-client';
import {
  Badge,
  BUTTON_DANGER,
  LINK,
  Notice,
  Section,
  TABLE,
  TABLE_WRAPPER,
  TD,
  TH,
} from '@lumenforge/ui/page-parts';
import { formatBytes, formatMs, STATUS_TONE } from './build-format';
import { EChart, type TChartPalette } from './echart';

export type TCauseLink = { label: string; href: string };

const MAX_LOG_LINES = 5_000;
const STAGE_LABEL: Record<string, string> = {
  install: 'Install',
  typecheck: 'Type-check',
  tests: 'Tests',
  bundle: 'Bundle',
  images: 'Images',
};
const STAGE_ORDER = Object.keys(STAGE_LABEL);
const STAGE_TONE = {
  pending: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'neutral',
  cancelled: 'warning',
  reused: 'accent',
} as const;

export function BuildDetail({
  initial,
  causeLinks,
  canCancel,
  isolation,
}: {
  initial: TBuildView;
  causeLinks: TCauseLink[];
  canCancel: boolean;
  isolation: string;
}) {
  const [build, setBuild] = useState(initial);
  const [lines, setLines] = useState<TLogLine[]>([]);
  const [stageFilter, setStageFilter] = useState('all');
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const logBox = useRef<HTMLPreElement>(null);
  const isActive = build.status === 'queued' || build.status === 'running';

  useEffect(() => {
    const source = new EventSource(`/api/builds/${initial.id}/log`);
    source.addEventListener('build', (event) =>
      setBuild(JSON.parse((event as MessageEvent<string>).data) as TBuildView),
    );
    source.addEventListener('log', (event) => {
      const batch = JSON.parse((event as MessageEvent<string>).data) as TLogLine[];
      setLines((current) => [...current, ...batch].slice(-MAX_LOG_LINES));
    });
    source.addEventListener('end', () => source.close());
    return () => source.close();
  }, [initial.id]);

  useEffect(() => {
    const box = logBox.current;
    if (box && box.scrollHeight - box.scrollTop - box.clientHeight < 80) box.scrollTop = box.scrollHeight;
  }, [lines]);

  const handleCancel = async () => {
    setIsCancelling(true);
    setCancelError(null);
    const result = await sendJson<{ build: TBuildView }>(`/api/builds/${build.id}/cancel`, {
      method: 'POST',
    });
    if (result.ok) setBuild(result.data.build);
    else setCancelError(result.problem.message);
    setIsCancelling(false);
  };

  const done = build.stages.filter((stage) => !['pending', 'running'].includes(stage.status)).length;
  const running = build.stages.find((stage) => stage.status === 'running');
  const percent = Math.round(
    ((done + (running ? running.percent / 100 : 0)) / Math.max(build.stages.length, 1)) * 100,
  );
  const shown = stageFilter === 'all' ? lines : lines.filter((line) => line.stage === stageFilter);
  const error = build.errorDetail;

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={STATUS_TONE[build.status]} testId="build-status">
          {build.status}
        </Badge>
        <span className="text-sm text-fg-muted">
          {build.durationMs !== null
            ? `took ${formatMs(build.durationMs)}`
            : isActive
              ? `${percent}% done`
              : ''}
          {build.attempts > 1 ? ` · attempt ${build.attempts}` : ''}
          {build.reusedFromBuildId ? ' · same inputs as an earlier build: its artifact was reused' : ''}
        </span>
        {causeLinks.map((link) => (
          <a key={link.href} className={`${LINK} text-sm`} href={link.href}>
            {link.label}
          </a>
        ))}
        {canCancel && isActive ? (
          <button
            type="button"
            className={`${BUTTON_DANGER} sm:ml-auto`}
            onClick={handleCancel}
            disabled={isCancelling || build.cancelRequestedAt !== null}
          >
            {build.cancelRequestedAt ? 'Cancelling…' : 'Cancel build'}
          </button>
        ) : null}
      </div>
      {cancelError ? <Notice tone="danger">{cancelError}</Notice> : null}
      {error && build.status === 'failed' ? (
        <Notice tone="danger" testId="build-error">
          <p className="font-medium">
            {STAGE_LABEL[error.stage ?? ''] ?? 'Build'} failed
            {error.limitHit ? ` (${error.limitHit} limit)` : ''}
            {error.file ? (
              <>
                {' '}
                at{' '}
                <code
                  className="font-mono"
                  data-testid="error-location"
                >{`${error.file}${error.line ? `:${error.line}` : ''}${error.column ? `:${error.column}` : ''}`}</code>
              </>
            ) : null}
          </p>
          <p className="mt-1 font-mono text-xs break-words whitespace-pre-wrap">{error.message}</p>
        </Notice>
      ) : null}

      <Section id="stages" title="Stages" description={isolation}>
        <div
          className="h-1.5 w-full overflow-hidden rounded-full bg-surface-sunken"
          role="progressbar"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Build progress"
        >
          <div
            className="h-full bg-accent transition-all"
            style={{ width: `${build.status === 'queued' ? 0 : isActive ? percent : 100}%` }}
          />
        </div>
        <ol className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5" data-testid="stages">
          {build.stages.map((stage) => (
            <li
              key={stage.name}
              className="min-w-0 rounded-lg border border-border bg-surface p-3"
              data-testid={`stage-${stage.name}`}
            >
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-medium">{STAGE_LABEL[stage.name] ?? stage.name}</span>
                <Badge tone={STAGE_TONE[stage.status]}>{stage.status}</Badge>
              </div>
              <p className="mt-1 text-xs text-fg-muted">
                {stage.durationMs !== null
                  ? formatMs(stage.durationMs)
                  : stage.status === 'running'
                    ? 'running…'
                    : '—'}
              </p>
              {stage.message ? (
                <p className="mt-1 line-clamp-3 text-xs break-words text-fg-muted" title={stage.message}>
                  {stage.message}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </Section>

      {build.metrics ? (
        <MetricsView
          metrics={build.metrics}
          artifactDigest={build.artifactDigest}
          artifactRef={build.artifactRef}
        />
      ) : null}

      <Section
        id="log"
        title="Log"
        actions={
          <label className="flex items-center gap-2 text-xs text-fg-muted">
            Stage
            <select
              className="rounded-md border border-border bg-surface px-2 py-1 text-xs"
              value={stageFilter}
              onChange={(event) => setStageFilter(event.target.value)}
            >
              <option value="all">All</option>
              {build.stages.map((stage) => (
                <option key={stage.name} value={stage.name}>
                  {STAGE_LABEL[stage.name]}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <pre
          ref={logBox}
          className="max-h-96 overflow-auto rounded-lg border border-border bg-surface-sunken p-3 font-mono text-xs leading-5"
          data-testid="build-log"
          aria-live="off"
        >
          {shown.length === 0 ? (
            <span className="text-fg-muted">{isActive ? 'Waiting for output…' : 'No log lines.'}</span>
          ) : null}
          {shown.map((line) => (
            <div
              key={line.id}
              className={
                line.stream === 'stderr'
                  ? 'text-danger-text'
                  : line.stream === 'system'
                    ? 'font-semibold'
                    : ''
              }
            >
              <span className="mr-2 text-fg-subtle select-none">{line.stage}</span>
              {line.line}
            </div>
          ))}
        </pre>
      </Section>
    </div>
  );
}

function MetricsView({
  metrics,
  artifactDigest,
  artifactRef,
}: {
  metrics: TBuildMetrics;
  artifactDigest: string | null;
  artifactRef: string | null;
}) {
  const cards = [
    { label: 'Total', value: formatBytes(metrics.totalBytes) },
    { label: 'Gzip', value: formatBytes(metrics.gzipBytes) },
    { label: 'Brotli', value: formatBytes(metrics.brotliBytes) },
    { label: 'Source maps', value: formatBytes(metrics.sourceMapBytes) },
    { label: 'Saved (images)', value: formatBytes(metrics.savedBytes) },
  ];
  const treemap = useMemo(() => {
    const groups = new Map<string, Array<{ name: string; value: number }>>();
    for (const bundled of metrics.modules) {
      const group = bundled.package ?? 'your code';
      const list = groups.get(group) ?? [];
      list.push({ name: bundled.id, value: bundled.renderedBytes });
      groups.set(group, list);
    }
    return [...groups].map(([name, children]) => ({
      name,
      value: children.reduce((sum, child) => sum + child.value, 0),
      children,
    }));
  }, [metrics.modules]);
  const treemapOption = useCallback(
    (palette: TChartPalette) => ({
      tooltip: {
        formatter: (info: { name: string; value: number }) =>
          `${info.name}: ${(info.value / 1024).toFixed(1)} kB`,
      },
      series: [
        {
          type: 'treemap',
          data: treemap,
          roam: false,
          nodeClick: 'zoomToNode',
          breadcrumb: {
            show: true,
            bottom: 0,
            itemStyle: { color: palette.grid, textStyle: { color: palette.text } },
          },
          label: { show: true, formatter: '{b}' },
          upperLabel: { show: true, height: 18, color: '#fff' },
          levels: [
            { itemStyle: { borderColor: palette.grid, borderWidth: 2, gapWidth: 2 } },
            { itemStyle: { borderColorSaturation: 0.6, gapWidth: 1 }, colorSaturation: [0.35, 0.6] },
          ],
        },
      ],
    }),
    [treemap],
  );

  return (
    <Section
      id="metrics"
      title="Metrics"
      description={artifactDigest ? `Artifact ${artifactDigest.slice(0, 19)}…` : undefined}
    >
      {artifactDigest ? (
        <p className="mb-4 text-sm text-fg-muted" data-testid="artifact-location">
          {artifactRef
            ? 'In the registry: '
            : "On the builder's disk (OCI image layout, not pushed to a registry): "}
          <code className="font-mono text-xs break-all text-fg">
            {artifactRef ?? `ignis/artifacts/${artifactDigest.replace(':', '-')}`}
          </code>
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5" data-testid="metrics">
        {cards.map((card) => (
          <div key={card.label} className="rounded-lg border border-border bg-surface p-3">
            <dt className="text-xs text-fg-muted">{card.label}</dt>
            <dd className="mt-0.5 text-lg font-semibold tabular-nums">{card.value}</dd>
          </div>
        ))}
      </dl>

      {metrics.suggestions.length > 0 ? (
        <div className="mt-6">
          <h3 className="text-sm font-semibold">Suggestions</h3>
          <ul className="mt-2 flex flex-col gap-1 text-sm" data-testid="suggestions">
            {metrics.suggestions.map((suggestion) => (
              <li
                key={`${suggestion.kind}-${suggestion.message}`}
                className="flex flex-col items-start gap-1 sm:flex-row sm:gap-2"
              >
                <Badge
                  tone={
                    suggestion.kind === 'duplicate-package' || suggestion.kind === 'unused-dependency'
                      ? 'warning'
                      : 'neutral'
                  }
                >
                  {suggestion.kind.replace('-', ' ')}
                </Badge>
                <span className="min-w-0 break-words">{suggestion.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold">Files</h3>
          <div className={`${TABLE_WRAPPER} mt-2`}>
            <table className={TABLE} data-testid="chunks">
              <thead>
                <tr>
                  <th className={TH} scope="col">
                    File
                  </th>
                  <th className={`${TH} text-right`} scope="col">
                    Size
                  </th>
                  <th className={`${TH} text-right`} scope="col">
                    Gzip
                  </th>
                  <th className={`${TH} hidden text-right sm:table-cell`} scope="col">
                    Brotli
                  </th>
                </tr>
              </thead>
              <tbody>
                {metrics.chunks.map((chunk) => (
                  <tr key={chunk.fileName}>
                    <td className={`${TD} max-w-[14rem] break-all font-mono text-xs`}>
                      {chunk.fileName} <span className="text-fg-muted">({chunk.kind})</span>
                    </td>
                    <td className={`${TD} text-right tabular-nums`}>{formatBytes(chunk.bytes)}</td>
                    <td className={`${TD} text-right tabular-nums`}>{formatBytes(chunk.gzipBytes)}</td>
                    <td className={`${TD} hidden text-right tabular-nums sm:table-cell`}>
                      {formatBytes(chunk.brotliBytes)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="mt-6 text-sm font-semibold">Time per stage</h3>
          <ul className="mt-2 flex flex-wrap gap-2 text-xs">
            {Object.entries(metrics.stageMs)
              .sort(([a], [b]) => STAGE_ORDER.indexOf(a) - STAGE_ORDER.indexOf(b))
              .map(([stage, ms]) => (
                <li key={stage} className="rounded-md border border-border bg-surface px-2 py-1">
                  {STAGE_LABEL[stage] ?? stage}: <span className="tabular-nums">{formatMs(ms)}</span>
                </li>
              ))}
          </ul>
          {metrics.duplicates.length > 0 ? (
            <p className="mt-4 text-sm">
              Duplicated packages:{' '}
              {metrics.duplicates.map((dup) => `${dup.name} (${dup.versions.join(', ')})`).join('; ')}
            </p>
          ) : (
            <p className="mt-4 text-sm text-fg-muted">No package is bundled twice.</p>
          )}
        </div>
        <figure className="min-w-0">
          <figcaption className="text-sm font-semibold">
            Modules (rendered size before minification)
          </figcaption>
          <div className="mt-2 rounded-lg border border-border bg-surface p-2">
            <EChart
              option={treemapOption}
              label={`Treemap of ${metrics.modules.length} bundled modules by package`}
              height={340}
              testId="module-treemap"
            />
          </div>
          <ol className="mt-3 flex flex-col gap-0.5 text-xs" aria-label="Largest modules">
            {metrics.modules.slice(0, 8).map((module) => (
              <li key={`${module.chunk}-${module.id}`} className="flex justify-between gap-3">
                <span className="min-w-0 truncate font-mono" title={module.id}>
                  {module.id}
                </span>
                <span className="shrink-0 tabular-nums text-fg-muted">
                  {formatBytes(module.renderedBytes)}
                </span>
              </li>
            ))}
          </ol>
        </figure>
      </div>
    </Section>
  );
}
