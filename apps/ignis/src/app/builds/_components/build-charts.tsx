'use client';
import { useCallback } from 'react';
import { EChart, type TChartPalette } from './echart';

export type TBuildPoint = {
  id: string;
  label: string;
  totalBytes: number;
  gzipBytes: number;
  durationMs: number;
};

/** The axes both charts share: builds along x, a value formatted by `formatValue` up y. */
function overBuilds(palette: TChartPalette, points: TBuildPoint[], formatValue: (value: number) => string) {
  return {
    xAxis: {
      type: 'category',
      data: points.map((point) => point.label),
      axisLabel: { color: palette.muted },
      axisLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: palette.muted, formatter: formatValue },
      splitLine: { lineStyle: { color: palette.grid } },
    },
  };
}

/** Bundle size (total and gzip) and build time over the workspace's finished builds, oldest first. */
export function BuildCharts({ points }: { points: TBuildPoint[] }) {
  const sizeOption = useCallback(
    (palette: TChartPalette) => ({
      color: [palette.accent, palette.second],
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${(value / 1024).toFixed(1)} kB` },
      legend: { textStyle: { color: palette.muted }, top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      ...overBuilds(palette, points, (value) => `${Math.round(value / 1024)} kB`),
      series: [
        {
          name: 'Total',
          type: 'line',
          data: points.map((point) => point.totalBytes),
          smooth: true,
          symbolSize: 6,
        },
        {
          name: 'Gzip',
          type: 'line',
          data: points.map((point) => point.gzipBytes),
          smooth: true,
          symbolSize: 6,
        },
      ],
    }),
    [points],
  );
  const timeOption = useCallback(
    (palette: TChartPalette) => ({
      color: [palette.accent],
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${(value / 1000).toFixed(1)} s` },
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      ...overBuilds(palette, points, (value) => `${(value / 1000).toFixed(0)} s`),
      series: [
        { name: 'Build time', type: 'bar', data: points.map((point) => point.durationMs), barMaxWidth: 28 },
      ],
    }),
    [points],
  );
  if (points.length === 0)
    return (
      <p className="text-sm text-fg-muted">No finished builds yet: the charts appear after the first one.</p>
    );
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <figure className="min-w-0 rounded-lg border border-border bg-surface p-3">
        <figcaption className="text-sm font-medium">Bundle size over builds</figcaption>
        <EChart
          option={sizeOption}
          label={`Bundle size of the last ${points.length} builds`}
          testId="size-chart"
        />
      </figure>
      <figure className="min-w-0 rounded-lg border border-border bg-surface p-3">
        <figcaption className="text-sm font-medium">Build time over builds</figcaption>
        <EChart
          option={timeOption}
          label={`Build time of the last ${points.length} builds`}
          testId="time-chart"
        />
      </figure>
    </div>
  );
}
