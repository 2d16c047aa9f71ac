// Shared pieces of the overlay, navigation, data and marketing parts: the three visual styles a
// generation offers (every class a SLATE token utility), density, and the file headers every
// generated test and story starts with, so each part writes only what is its own.
import type { TComponentPlan } from '../types';

/** The look of one variation; all classes are token utilities (checked by checkComponent). */
export type TPartStyle = {
  id: 'outlined' | 'raised' | 'subtle';
  label: string;
  /** The outer box of a panel-like component. */
  panel: string;
  /** A header row or band inside a panel. */
  band: string;
  /** The main action. */
  primaryButton: string;
  /** A secondary action. */
  secondaryButton: string;
  /** A quiet action (icon-like, text-like). */
  ghostButton: string;
  /** A selected or current item. */
  selected: string;
  /** An item that is not selected, with its hover. */
  unselected: string;
  /** Text inputs. */
  field: string;
};

const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus';
const MOTION = 'transition-colors duration-(--duration-fast) ease-standard';

const STYLES: readonly TPartStyle[] = [
  {
    id: 'outlined',
    label: 'Outlined',
    panel: 'rounded-lg border border-border bg-surface text-fg',
    band: 'border-b border-border bg-surface-sunken',
    primaryButton: `rounded-md bg-accent text-accent-fg hover:bg-accent-hover disabled:opacity-50 ${MOTION} ${FOCUS}`,
    secondaryButton: `rounded-md border border-border bg-surface text-fg hover:bg-surface-sunken disabled:opacity-50 ${MOTION} ${FOCUS}`,
    ghostButton: `rounded-md text-fg-muted hover:bg-surface-sunken hover:text-fg disabled:opacity-50 ${MOTION} ${FOCUS}`,
    selected: 'border-accent text-accent-text',
    unselected: 'border-transparent text-fg-muted hover:text-fg',
    field: `rounded-md border border-border bg-surface text-fg placeholder:text-fg-subtle ${FOCUS}`,
  },
  {
    id: 'raised',
    label: 'Raised',
    panel: 'rounded-xl bg-surface-raised text-fg shadow-md',
    band: 'bg-surface-sunken',
    primaryButton: `rounded-lg bg-accent text-accent-fg shadow-sm hover:bg-accent-hover disabled:opacity-50 ${MOTION} ${FOCUS}`,
    secondaryButton: `rounded-lg bg-surface text-fg shadow-xs hover:bg-surface-sunken disabled:opacity-50 ${MOTION} ${FOCUS}`,
    ghostButton: `rounded-lg text-fg-muted hover:bg-surface hover:text-fg disabled:opacity-50 ${MOTION} ${FOCUS}`,
    selected: 'border-accent bg-accent-surface text-accent-text',
    unselected: 'border-transparent text-fg-muted hover:bg-surface hover:text-fg',
    field: `rounded-lg border border-border bg-surface text-fg shadow-xs placeholder:text-fg-subtle ${FOCUS}`,
  },
  {
    id: 'subtle',
    label: 'Subtle',
    panel: 'rounded-md bg-surface-sunken text-fg',
    band: 'border-b border-border-strong',
    primaryButton: `rounded-full bg-fg text-bg hover:bg-fg-muted disabled:opacity-50 ${MOTION} ${FOCUS}`,
    secondaryButton: `rounded-full border border-border-strong text-fg hover:bg-surface disabled:opacity-50 ${MOTION} ${FOCUS}`,
    ghostButton: `rounded-full text-fg-muted hover:bg-surface hover:text-fg disabled:opacity-50 ${MOTION} ${FOCUS}`,
    selected: 'border-fg bg-surface text-fg',
    unselected: 'border-transparent text-fg-muted hover:text-fg',
    field: `rounded-md border border-border-strong bg-surface text-fg placeholder:text-fg-subtle ${FOCUS}`,
  },
];

/** The style of variation `index` (0, 1, 2, …; wraps around). */
export function partStyle(index: number): TPartStyle {
  return STYLES[((index % STYLES.length) + STYLES.length) % STYLES.length] as TPartStyle;
}

/** Padding and type size for the plan's density. */
export function partDensity(plan: Pick<TComponentPlan, 'density'>) {
  const isCompact = plan.density === 'compact';
  return {
    isCompact,
    /** Padding of a control (button, tab, menu item). */
    control: isCompact ? 'px-2 py-1 text-sm' : 'px-4 py-2 text-sm',
    /** Padding of a cell or row. */
    cell: isCompact ? 'px-2 py-1' : 'px-4 py-3',
    /** Padding of a panel's body. */
    body: isCompact ? 'p-3' : 'p-6',
    /** Gap between siblings. */
    gap: isCompact ? 'gap-2' : 'gap-4',
    text: isCompact ? 'text-sm' : 'text-base',
  };
}

/** `ProjectSettings` → `project settings`, for labels and headings. */
export function humanise(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/** `project settings` → `Project settings`. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A JavaScript string literal of `text` (single-quoted, as the generated code is written). */
export function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** The start of every generated test file: happy-dom, Testing Library with cleanup, user-event. */
export function testHeader(name: string, testingLibrary: readonly string[] = ['render', 'screen']): string {
  const imports = [...new Set(['cleanup', ...testingLibrary])].sort().join(', ');
  return [
    '// @vitest-environment happy-dom',
    `import { ${imports} } from '@testing-library/react';`,
    "import userEvent from '@testing-library/user-event';",
    "import { afterEach, describe, expect, it, vi } from 'vitest';",
    `import { ${name} } from './${name}';`,
    '',
    'afterEach(cleanup);',
    '',
  ].join('\n');
}

/**
 * The start of every generated stories file (CSF3, Storybook 10's test helpers) up to the open
 * `meta` object; `preamble` (sample data the args use) comes before it, so it is defined in time.
 */
export function storiesHeader(name: string, preamble = '', title = `Generated/${name}`): string {
  return [
    "import type { Meta, StoryObj } from '@storybook/react';",
    "import { expect, fn, userEvent, within } from 'storybook/test';",
    `import { ${name} } from './${name}';`,
    '',
    ...(preamble ? [preamble, ''] : []),
    'const meta = {',
    `  title: ${literal(title)},`,
    `  component: ${name},`,
    '',
  ].join('\n');
}
