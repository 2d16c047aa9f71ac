'use client';
// A small React wrapper around ECharts with tree-shaken imports: only the charts and components the
// builds dashboard draws (line, bar, treemap; grid, tooltip, legend) and the canvas renderer are bundled.
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  LineChart,
  BarChart,
  TreemapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  CanvasRenderer,
]);

export type TChartPalette = { text: string; muted: string; grid: string; accent: string; second: string };

/** Colours from the platform's token variables (they follow light/dark), with fallbacks. */
export function chartPalette(): TChartPalette {
  const style = typeof window === 'undefined' ? null : getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--color-fg', '#1f2937'),
    muted: read('--color-fg-muted', '#6b7280'),
    grid: read('--color-border', '#e5e7eb'),
    accent: read('--color-accent', '#f97316'),
    second: read('--color-info-500', '#3b82f6'),
  };
}

export type EChartProps = {
  /** Built from the palette, so the chart follows the theme. */
  option: (palette: TChartPalette) => EChartsCoreOption;
  /** For screen readers: what the chart shows, in words. */
  label: string;
  height?: number;
  testId?: string;
};

export function EChart({ option, label, height = 260, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option(chartPalette()), { notMerge: true });
  }, [option]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      style={{ height }}
      className="w-full min-w-0"
      data-testid={testId}
    />
  );
}
