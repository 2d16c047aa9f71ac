import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '@lumenforge/ui/format';
import { BUTTON_SECONDARY, INPUT, LABEL } from '@lumenforge/ui/page-parts';

// LANDING's own pieces of the account and admin pages (server and client components alike: no
// hooks, no state). The shared look (buttons, inputs, tables, Notice, Badge, …) is
// `@lumenforge/ui/page-parts`.

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
