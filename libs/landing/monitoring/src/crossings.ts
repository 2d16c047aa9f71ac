import type { TMetricEvaluation, TMetricLevel, TThreshold } from './thresholds';

/** A metric whose level changed since the previous sample. */
export type TCrossing = {
  key: string;
  from: TMetricLevel;
  to: TMetricLevel;
  value: number;
  threshold: TThreshold;
};

/**
 * Compares this sample's levels with the last known ones (stored with the previous sample). A
 * metric that was not judged this time (no value, not enough data) keeps its last level, so an
 * outage of the measurement never re-raises an alert when it returns. A metric seen for the
 * first time starts from `ok`. Returns the levels to store and every change of level; the caller
 * raises an alert for those `to` warning or critical (a return to ok is a resolution).
 */
export function detectCrossings(
  previous: Readonly<Record<string, TMetricLevel>>,
  evaluations: readonly TMetricEvaluation[],
): { levels: Record<string, TMetricLevel>; crossings: TCrossing[] } {
  const levels: Record<string, TMetricLevel> = { ...previous };
  const crossings: TCrossing[] = [];
  for (const evaluation of evaluations) {
    if (evaluation.level === null || evaluation.value === null) continue;
    const before = previous[evaluation.key] ?? 'ok';
    levels[evaluation.key] = evaluation.level;
    if (evaluation.level !== before)
      crossings.push({
        key: evaluation.key,
        from: before,
        to: evaluation.level,
        value: evaluation.value,
        threshold: evaluation.threshold,
      });
  }
  return { levels, crossings };
}

/** The bound a level was crossed at (for the alert's `threshold`). */
export function boundOf(crossing: Pick<TCrossing, 'to' | 'threshold' | 'from'>): number {
  if (crossing.to === 'critical') return crossing.threshold.critical;
  if (crossing.to === 'warning') return crossing.threshold.warning;
  return crossing.from === 'critical' ? crossing.threshold.critical : crossing.threshold.warning;
}
