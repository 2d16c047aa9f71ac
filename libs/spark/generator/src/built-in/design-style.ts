// The design expert's classes for one variation: H2's three looks (part-kit.ts) plus the slots the
// form, content and state parts need, sized by the plan's density. Every class is a SLATE token
// utility; `adaptToVocabulary` then fits them to the workspace's live token set.
import { classProblem, type TTokenVocabulary } from '@lumenforge/spark-checks';
import type { TComponentPlan } from '../types';
import { partDensity, partStyle, type TPartStyle } from './part-kit';

export type TTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export type TDesignStyle = TPartStyle & {
  index: number;
  density: ReturnType<typeof partDensity>;
  /** A content box with its padding (card, stat, empty state). */
  surface: string;
  stack: string;
  row: string;
  heading: string;
  text: string;
  muted: string;
  /** A field's visible label (`label` is the look's name). */
  labelText: string;
  /** A field's look when its value is invalid. */
  fieldInvalid: string;
  errorText: string;
  /** The generic loading, error and empty states. */
  status: string;
  alert: string;
  empty: string;
  dangerButton: string;
  /** A small pill per tone (badge, status chip). */
  tones: Record<TTone, string>;
  /** The padding of a button or field for the density. */
  control: string;
};

const TONES: Record<TTone, string> = {
  neutral: 'bg-surface-sunken text-fg-muted',
  accent: 'bg-accent-surface text-accent-text',
  success: 'bg-success-surface text-success-text',
  warning: 'bg-warning-surface text-warning-text',
  danger: 'bg-danger-surface text-danger-text',
};

/** The design expert's classes for variation `index` of a plan. */
export function designStyle(plan: Pick<TComponentPlan, 'density'>, index: number): TDesignStyle {
  const base = partStyle(index);
  const density = partDensity(plan);
  const rounded = base.panel.split(' ').find((word) => word.startsWith('rounded-')) ?? 'rounded-md';
  return {
    ...base,
    index,
    density,
    surface: `${base.panel} ${density.body} flex flex-col ${density.gap}`,
    stack: `flex flex-col ${density.gap}`,
    row: `flex flex-wrap items-center ${density.gap}`,
    heading: density.isCompact ? 'text-base font-semibold text-fg' : 'text-lg font-semibold text-fg',
    text: `${density.text} text-fg`,
    muted: 'text-sm text-fg-muted',
    labelText: 'text-sm font-medium text-fg',
    fieldInvalid: 'border-danger-text',
    errorText: 'text-sm text-danger-text',
    status: `${rounded} ${density.body} text-sm text-fg-muted`,
    alert: `${rounded} ${density.body} bg-danger-surface text-sm text-danger-text`,
    empty: `${rounded} border border-dashed border-border ${density.body} text-center text-sm text-fg-muted`,
    dangerButton: base.primaryButton.replace('bg-accent', 'bg-danger-600').replace('text-accent-fg', 'text-white').replace('hover:bg-accent-hover', 'hover:bg-danger-700').replace(/bg-fg text-bg hover:bg-fg-muted/, 'bg-danger-600 text-white hover:bg-danger-700'),
    tones: TONES,
    control: density.control,
  };
}

/** Fallbacks for classes a workspace's token set may lack, most specific first. */
const FALLBACKS: Record<string, string[]> = {
  'bg-surface-raised': ['bg-surface'],
  'bg-surface-sunken': ['bg-surface'],
  'border-border-strong': ['border-border'],
  'text-fg-subtle': ['text-fg-muted'],
  'text-fg-muted': ['text-fg'],
  'bg-accent-hover': ['bg-accent'],
  'bg-accent-surface': ['bg-surface-sunken', 'bg-surface'],
  'text-accent-text': ['text-accent', 'text-fg'],
};

/**
 * Rewrites the generated files' classes the live vocabulary lacks to their fallbacks, or drops
 * them, so a workspace with a smaller token set still gets code that passes its check.
 * Returns the text and the classes it changed.
 */
export function adaptToVocabulary(text: string, vocabulary: TTokenVocabulary): { text: string; changed: string[] } {
  const changed = new Set<string>();
  const cache = new Map<string, string | null>();
  const replacement = (word: string): string | null => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    let result: string | null = word;
    if (classProblem(word, vocabulary)) {
      const prefix = word.slice(0, word.lastIndexOf(':') + 1);
      const utility = word.slice(prefix.length);
      const fallback = (FALLBACKS[utility] ?? []).find((candidate) => !classProblem(candidate, vocabulary));
      result = fallback ? prefix + fallback : null;
    }
    cache.set(word, result);
    return result;
  };
  const adaptClasses = (inner: string): string => {
    if (!/[a-z]-/.test(inner)) return inner;
    const kept: string[] = [];
    for (const word of inner.split(' ')) {
      if (!/^[a-z!-][a-z0-9:/._()-]*$/.test(word) || !word.includes('-')) {
        kept.push(word);
        continue;
      }
      const next = replacement(word);
      if (next !== word) changed.add(word);
      if (next !== null) kept.push(next);
    }
    return kept.join(' ');
  };
  const adapted = text
    .replace(/(['"])((?:(?!\1)[^\n\\$])*)\1/g, (_literal, quote: string, inner: string) => `${quote}${adaptClasses(inner)}${quote}`)
    // Template literals: the static text between `${…}` holds classes too (`rounded-lg ${tone}`).
    .replace(/`((?:[^`\\]|\\.)*)`/g, (_literal, inner: string) =>
      `\`${inner
        .split(/(\$\{[^}]*\})/)
        .map((segment) => (segment.startsWith('${') ? segment : adaptClasses(segment)))
        .join('')}\``,
    );
  return { text: adapted, changed: [...changed] };
}
