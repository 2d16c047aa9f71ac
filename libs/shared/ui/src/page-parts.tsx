import type { ReactNode } from 'react';

// The house look of LumenForge's account, admin and tool pages (calm, dense): class strings and
// small presentational pieces. Server and client components alike: no hooks, no state.

export const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus';

export const BUTTON_BASE = `inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${FOCUS}`;
/** The accent roles (`accent`, `accent-hover`, `accent-fg`) are contrast-checked per system. */
export const BUTTON_PRIMARY = `${BUTTON_BASE} bg-accent text-accent-fg hover:bg-accent-hover disabled:hover:bg-accent`;
export const BUTTON_SECONDARY = `${BUTTON_BASE} border border-border bg-surface hover:bg-surface-sunken`;
export const BUTTON_DANGER = `${BUTTON_BASE} border border-danger-500/40 bg-surface text-danger-text hover:bg-danger-surface`;
export const BUTTON_DANGER_SOLID = `${BUTTON_BASE} bg-danger-600 text-white hover:bg-danger-700`;
export const LINK = `rounded-sm font-medium text-accent-text hover:underline ${FOCUS}`;
/** `border-strong`: a control's outline needs 3:1 against the page (WCAG 1.4.11). */
export const INPUT = `block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm placeholder:text-fg-subtle ${FOCUS} focus-visible:outline-offset-0`;
export const LABEL = 'block text-xs font-medium text-fg-muted';
// `relative`: absolutely positioned content (sr-only labels) is clipped by the scroller, not the page.
export const TABLE_WRAPPER = 'relative overflow-x-auto rounded-lg border border-border bg-surface';
export const TABLE = 'w-full border-collapse text-left text-sm';
export const TH =
  'border-b border-border bg-surface-sunken px-3 py-2 text-xs font-medium whitespace-nowrap text-fg-muted';
export const TD = 'border-b border-border px-3 py-2 align-top';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {/* Titles can be one long word (a component name): wrap it rather than widen the page. */}
        <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
        {description ? <div className="mt-1 max-w-3xl text-sm text-fg-muted">{description}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}

/** A titled block of a page; `id` makes it linkable (`/account#tokens`). `level={3}` nests one. */
export function Section({
  id,
  title,
  description,
  actions,
  level = 2,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  level?: 2 | 3;
  children: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <Heading
            id={`${id}-title`}
            className={level === 2 ? 'text-base font-semibold' : 'text-sm font-semibold'}
          >
            {title}
          </Heading>
          {description ? <p className="mt-0.5 max-w-3xl text-sm text-fg-muted">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export type TTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

/** Border, background and text of each tone (Notice and Badge). */
const TONE_CLASS: Record<TTone, string> = {
  neutral: 'border-border bg-surface-sunken text-fg-muted',
  accent: 'border-accent-500/40 bg-accent-surface text-accent-text',
  info: 'border-info-500/40 bg-info-surface text-info-text',
  success: 'border-success-500/40 bg-success-surface text-success-text',
  warning: 'border-warning-500/40 bg-warning-surface text-warning-text',
  danger: 'border-danger-500/40 bg-danger-surface text-danger-text',
};

/** A boxed message. Errors use `role="alert"` (announced at once), the rest `role="status"`. */
export function Notice({
  tone,
  children,
  testId,
  className = '',
}: {
  tone: 'info' | 'success' | 'warning' | 'danger';
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <div
      role={tone === 'danger' ? 'alert' : 'status'}
      className={`rounded-md border px-3 py-2 text-sm ${TONE_CLASS[tone]} ${className}`}
      data-testid={testId}
    >
      {children}
    </div>
  );
}

/** A short label (role, status, result): text always says it, colour only supports it. */
export function Badge({
  tone = 'neutral',
  children,
  testId,
  title,
}: {
  tone?: TTone;
  children: ReactNode;
  testId?: string;
  title?: string;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE_CLASS[tone]}`}
      data-testid={testId}
      title={title}
    >
      {children}
    </span>
  );
}

/** A table column header: its text, or `{ label, isHidden }` for one only screen readers read. */
export type TTableColumn =
  | string
  | { label: string; isHidden?: boolean; align?: 'right'; className?: string };

/** `<thead>` of a data table: one `<th scope="col">` per column, in the house style. */
export function TableHead({ columns }: { columns: readonly TTableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { label, isHidden, align, className } =
            typeof column === 'string' ? { label: column } : column;
          const classes = [TH, align === 'right' ? 'text-right' : '', className ?? '']
            .filter(Boolean)
            .join(' ');
          return (
            <th key={label} scope="col" className={classes}>
              {isHidden ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
