import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from './format';

// Small presentational pieces shared by the account and admin pages (server and client
// components alike: no hooks, no state). Calm and dense, like the rest of LANDING.

const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus';

export const BUTTON_BASE = `inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${FOCUS}`;
export const BUTTON_PRIMARY = `${BUTTON_BASE} bg-accent-600 text-white hover:bg-accent-700 disabled:hover:bg-accent-600`;
export const BUTTON_SECONDARY = `${BUTTON_BASE} border border-border bg-surface hover:bg-surface-sunken`;
export const BUTTON_DANGER = `${BUTTON_BASE} border border-danger-500/40 bg-surface text-danger-text hover:bg-danger-surface`;
export const BUTTON_DANGER_SOLID = `${BUTTON_BASE} bg-danger-600 text-white hover:bg-danger-700`;
export const LINK = `rounded-sm font-medium text-accent-text hover:underline ${FOCUS}`;
export const INPUT = `block w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm placeholder:text-fg-subtle ${FOCUS} focus-visible:outline-offset-0`;
export const LABEL = 'block text-xs font-medium text-fg-muted';
export const TABLE_WRAPPER = 'overflow-x-auto rounded-lg border border-border bg-surface';
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
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-sm text-fg-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

/** A titled block of a page; `id` makes it linkable (`/account#tokens`). */
export function Section({
  id,
  title,
  description,
  actions,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-0.5 max-w-3xl text-sm text-fg-muted">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export type TTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

const NOTICE_TONE: Record<Exclude<TTone, 'neutral' | 'accent'>, string> = {
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
      className={`rounded-md border px-3 py-2 text-sm ${NOTICE_TONE[tone]} ${className}`}
      data-testid={testId}
    >
      {children}
    </div>
  );
}

const BADGE_TONE: Record<TTone, string> = {
  neutral: 'border-border bg-surface-sunken text-fg-muted',
  accent: 'border-accent-500/40 bg-accent-surface text-accent-text',
  info: 'border-info-500/40 bg-info-surface text-info-text',
  success: 'border-success-500/40 bg-success-surface text-success-text',
  warning: 'border-warning-500/40 bg-warning-surface text-warning-text',
  danger: 'border-danger-500/40 bg-danger-surface text-danger-text',
};

/** A short label (role, status, result): text always says it, colour only supports it. */
export function Badge({
  tone = 'neutral',
  children,
  testId,
}: {
  tone?: TTone;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${BADGE_TONE[tone]}`}
      data-testid={testId}
    >
      {children}
    </span>
  );
}

/** An absolute UTC time with the relative one underneath (or in the tooltip when `compact`). */
export function Time({
  value,
  now,
  compact = false,
}: {
  value: string | Date | null;
  now: Date;
  compact?: boolean;
}) {
  if (value === null) return <span className="text-fg-subtle">Never</span>;
  const iso = typeof value === 'string' ? value : value.toISOString();
  const absolute = formatDateTime(iso);
  const relative = formatRelative(iso, now);
  if (compact)
    return (
      <time dateTime={iso} title={absolute} className="whitespace-nowrap">
        {relative}
      </time>
    );
  return (
    <time dateTime={iso} className="block whitespace-nowrap">
      {absolute}
      <span className="block text-xs text-fg-subtle">{relative}</span>
    </time>
  );
}

/** "First page" / "Next page" links of a cursor-paged table, with a one-line summary. */
export function CursorPager({
  summary,
  firstHref,
  nextHref,
  testIdPrefix,
}: {
  summary: ReactNode;
  /** Set when this is not the first page. */
  firstHref: string | null;
  /** Set when there is a next page. */
  nextHref: string | null;
  testIdPrefix: string;
}) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 text-sm">
      <span className="text-fg-muted">{summary}</span>
      <span className="flex gap-2">
        {firstHref ? (
          <a className={BUTTON_SECONDARY} href={firstHref} data-testid={`${testIdPrefix}-first-page`}>
            First page
          </a>
        ) : null}
        {nextHref ? (
          <a
            className={BUTTON_SECONDARY}
            href={nextHref}
            rel="next"
            data-testid={`${testIdPrefix}-next-page`}
          >
            Next page
          </a>
        ) : null}
      </span>
    </nav>
  );
}

/** A labelled <select> of a GET filter form; the empty option means "any". */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
  className,
  testId,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** Width of the field, e.g. `w-36`. */
  className: string;
  testId: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={`${INPUT} mt-1`} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled date <input> of a GET filter form. */
export function FilterDate({
  id,
  name,
  label,
  value,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
}) {
  return (
    <div className="w-40">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={value ?? ''}
        className={`${INPUT} mt-1`}
        data-testid={id}
      />
    </div>
  );
}
