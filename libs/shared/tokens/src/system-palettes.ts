/** The six LumenForge systems, each with its own accent palette of the same name. */
export const SYSTEM_PALETTES = ['landing', 'slate', 'ignition', 'spark', 'ignis', 'waypoint'] as const;
export type TSystemPalette = (typeof SYSTEM_PALETTES)[number];

/** The accent `:root` carries when no `data-system` is set. */
export const DEFAULT_SYSTEM: TSystemPalette = 'landing';

/** Status palettes; each has `-text` and `-surface` semantic colours per theme. */
export const STATUS_PALETTES = ['success', 'warning', 'danger', 'info'] as const;
export type TStatusPalette = (typeof STATUS_PALETTES)[number];

/** Steps every palette has, light to dark. */
export const PALETTE_STEPS = [
  '50',
  '100',
  '200',
  '300',
  '400',
  '500',
  '600',
  '700',
  '800',
  '900',
  '950',
] as const;

/** Semantic colours every theme defines (besides the per-system accent roles and status colours). */
export const SEMANTIC_COLORS = [
  'bg',
  'surface',
  'surface-raised',
  'surface-sunken',
  'border',
  'border-strong',
  'fg',
  'fg-muted',
  'fg-subtle',
  'focus',
] as const;

/**
 * Accent roles per system in the theme files (`color.accent.<system>.<role>`) and the CSS variable
 * each becomes. `$root` is the solid fill itself.
 */
export const ACCENT_ROLES = {
  $root: '--color-accent',
  hover: '--color-accent-hover',
  fg: '--color-accent-fg',
  text: '--color-accent-text',
  surface: '--color-accent-surface',
} as const;
export type TAccentRole = keyof typeof ACCENT_ROLES;
