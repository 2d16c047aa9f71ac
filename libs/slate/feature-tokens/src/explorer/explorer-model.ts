// Arranging a theme's resolved token entries into the explorer's sections (pure, testable).
import { PALETTE_STEPS, SEMANTIC_COLORS, STATUS_PALETTES, SYSTEM_PALETTES } from '@lumenforge/tokens';
import type { TTokenEntry } from '../lib/types';

export type TPalette = {
  name: string;
  kind: 'system' | 'neutral' | 'status' | 'other';
  steps: TTokenEntry[];
};

const STEPS: ReadonlySet<string> = new Set(PALETTE_STEPS);
const PALETTE_ORDER: readonly string[] = [...SYSTEM_PALETTES, 'neutral', ...STATUS_PALETTES];

function segments(entry: TTokenEntry): string[] {
  return entry.path.split('.');
}

/** Colour tokens `color.<palette>.<step>` (steps 50…950) by palette: systems, neutral, status, others. */
export function groupPalettes(entries: readonly TTokenEntry[]): TPalette[] {
  const byName = new Map<string, TTokenEntry[]>();
  for (const entry of entries) {
    const [head, name, step, ...rest] = segments(entry);
    if (entry.type !== 'color' || head !== 'color' || !name || !step || rest.length || !STEPS.has(step))
      continue;
    if (name === 'accent') continue;
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  const stepIndex = (entry: TTokenEntry) =>
    PALETTE_STEPS.indexOf(segments(entry)[2] as (typeof PALETTE_STEPS)[number]);
  const rank = (name: string) => {
    const index = PALETTE_ORDER.indexOf(name);
    return index === -1 ? PALETTE_ORDER.length : index;
  };
  return [...byName.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([name, steps]) => ({
      name,
      kind: (SYSTEM_PALETTES as readonly string[]).includes(name)
        ? 'system'
        : name === 'neutral'
          ? 'neutral'
          : (STATUS_PALETTES as readonly string[]).includes(name)
            ? 'status'
            : 'other',
      steps: [...steps].sort((a, b) => stepIndex(a) - stepIndex(b)),
    }));
}

/**
 * Colour tokens that are not palette steps: semantic colours (`color.bg`, `color.fg-muted`, status
 * `-text`/`-surface`), accent roles and single colours (`color.white`), semantic ones first.
 */
export function otherColors(entries: readonly TTokenEntry[]): {
  semantic: TTokenEntry[];
  accent: TTokenEntry[];
  single: TTokenEntry[];
} {
  const palettes = new Set(
    groupPalettes(entries).flatMap((palette) => palette.steps.map((entry) => entry.path)),
  );
  const semantic: TTokenEntry[] = [];
  const accent: TTokenEntry[] = [];
  const single: TTokenEntry[] = [];
  const semanticNames: readonly string[] = SEMANTIC_COLORS;
  for (const entry of entries) {
    if (entry.type !== 'color' || palettes.has(entry.path)) continue;
    const [head, name] = segments(entry);
    if (head === 'color' && name === 'accent') accent.push(entry);
    else if (
      head === 'color' &&
      name !== undefined &&
      segments(entry).length === 2 &&
      (semanticNames.includes(name) || /-(text|surface)$/.test(name))
    )
      semantic.push(entry);
    else single.push(entry);
  }
  const semanticRank = (entry: TTokenEntry) => {
    const index = semanticNames.indexOf(segments(entry)[1] ?? '');
    return index === -1 ? semanticNames.length : index;
  };
  semantic.sort((a, b) => semanticRank(a) - semanticRank(b));
  return { semantic, accent, single };
}

export type TTypeStep = { name: string; size: TTokenEntry; lineHeight: TTokenEntry | undefined };

/** `font.size.<step>` with the `font.line-height.<step>` of the same step, in document order (xs…9xl). */
export function typeScale(entries: readonly TTokenEntry[]): TTypeStep[] {
  const lineHeights = new Map(
    entries
      .filter((entry) => entry.path.startsWith('font.line-height.'))
      .map((entry) => [entry.path.slice('font.line-height.'.length), entry] as const),
  );
  return entries
    .filter((entry) => entry.path.startsWith('font.size.') && segments(entry).length === 3)
    .map((entry) => {
      const name = entry.path.slice('font.size.'.length);
      return { name, size: entry, lineHeight: lineHeights.get(name) };
    });
}

/** A dimension value in px (rem at 16px) for drawing rulers; `null` when it is not a dimension. */
export function dimensionPx(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const amount = record['value'];
  if (typeof amount !== 'number') return null;
  if (record['unit'] === 'px') return amount;
  if (record['unit'] === 'rem') return amount * 16;
  return null;
}

/** Spacing steps sorted by size (`spacing.$root` excluded: it is the unit, shown apart). */
export function spacingScale(entries: readonly TTokenEntry[]): TTokenEntry[] {
  return entries
    .filter((entry) => entry.path.startsWith('spacing.') && !entry.path.endsWith('$root'))
    .sort((a, b) => (dimensionPx(a.value) ?? 0) - (dimensionPx(b.value) ?? 0));
}

/** `color.neutral.500` value → "#7f838c"; oklch components as text. */
export function colorFacts(value: unknown): {
  hex: string | null;
  oklch: string | null;
  alpha: number | null;
} {
  if (typeof value !== 'object' || value === null) return { hex: null, oklch: null, alpha: null };
  const record = value as Record<string, unknown>;
  const components = record['components'];
  const hex = typeof record['hex'] === 'string' ? record['hex'] : null;
  const alpha = typeof record['alpha'] === 'number' && record['alpha'] !== 1 ? record['alpha'] : null;
  const oklch =
    record['colorSpace'] === 'oklch' && Array.isArray(components)
      ? `oklch(${components.join(' ')}${alpha === null ? '' : ` / ${alpha}`})`
      : null;
  return { hex, oklch, alpha };
}

/** The usage snippet of each explorer section. */
export const USAGE_EXAMPLES: Record<string, string> = {
  palettes: `<span className="bg-spark-100 text-spark-800">Prefer the semantic names</span>`,
  semantic: `<div className="bg-surface text-fg border border-border rounded-lg">\n  <p className="text-fg-muted">Secondary text</p>\n  <button className="bg-accent hover:bg-accent-hover text-accent-fg">Save</button>\n</div>`,
  typography: `<h2 className="text-2xl font-semibold">Title</h2>\n<p className="text-sm text-fg-muted font-sans">Body</p>`,
  spacing: `<div className="p-4 gap-2 mt-6">…</div>  {/* 16px, 8px, 24px */}`,
  radii: `<div className="rounded-lg">…</div>  {/* var(--radius-lg) */}`,
  shadows: `<div className="bg-surface-raised shadow-md">…</div>`,
  animation: `<div className="transition-colors duration-(--duration-fast) ease-standard">…</div>`,
};
