/**
 * Literal Tailwind class names per system. Tailwind only generates classes it can find as whole
 * strings in the source, so these are spelled out rather than built from the id.
 */
export const SYSTEM_DOT_CLASS = {
  landing: 'bg-landing-500',
  slate: 'bg-slate-500',
  ignition: 'bg-ignition-500',
  spark: 'bg-spark-500',
  ignis: 'bg-ignis-500',
  waypoint: 'bg-waypoint-500',
} as const;

export const SYSTEM_BAR_CLASS = {
  landing: 'from-landing-400 to-landing-600',
  slate: 'from-slate-400 to-slate-600',
  ignition: 'from-ignition-400 to-ignition-600',
  spark: 'from-spark-400 to-spark-600',
  ignis: 'from-ignis-400 to-ignis-600',
  waypoint: 'from-waypoint-400 to-waypoint-600',
} as const;

export type TSystemAccentId = keyof typeof SYSTEM_DOT_CLASS;
