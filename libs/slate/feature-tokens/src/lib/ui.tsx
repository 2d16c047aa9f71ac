import type { ReactNode } from 'react';
import {
  BUTTON_DANGER,
  BUTTON_DANGER_SOLID,
  BUTTON_SECONDARY,
  FOCUS,
  INPUT,
  LABEL,
} from '@lumenforge/ui/page-parts';

// SLATE's additions to the shared page look (`@lumenforge/ui/page-parts`): small buttons, inline
// code, empty states. Server and client components alike: no hooks, no state.

export const BUTTON_SMALL = `inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-fg-muted border border-border bg-surface hover:bg-surface-sunken hover:text-fg ${FOCUS}`;
export const CODE = 'rounded bg-surface-sunken px-1 py-0.5 font-mono text-xs';

/** A panel saying there is nothing here yet, and what to do about it. */
export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className="rounded-lg border border-dashed border-border-strong bg-surface px-4 py-8 text-center"
      data-testid={testId}
    >
      <p className="text-sm font-medium">{title}</p>
      {children ? <div className="mt-1 text-sm text-fg-muted">{children}</div> : null}
    </div>
  );
}

/** A labelled, controlled `<select>`; `options` are values shown as they are, or `{ value, label }`. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  className,
  disabled,
  testId,
}: {
  id: string;
  label: ReactNode;
  value: string;
  options: ReadonlyArray<string | { value: string; label: string }>;
  onChange: (value: string) => void;
  /** Classes of the wrapper, e.g. its width. */
  className?: string;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <select
        id={id}
        className={`${INPUT} mt-1`}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        {options.map((option) => {
          const { value: optionValue, label: optionLabel } =
            typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/**
 * A danger button that asks first: pressed, it becomes a group with the question, Cancel and the
 * solid danger button that does it. The caller keeps `confirming` (to close it when done).
 */
export function ConfirmDanger({
  confirming,
  onConfirmingChange,
  label,
  groupLabel,
  question,
  confirmLabel,
  onConfirm,
  busy = false,
  disabled = false,
  testId,
  confirmTestId,
}: {
  confirming: boolean;
  onConfirmingChange: (confirming: boolean) => void;
  /** The first button's text, e.g. "Delete token…". */
  label: string;
  /** The accessible name of the question group. */
  groupLabel: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** Disables the confirming button while the action runs. */
  busy?: boolean;
  /** Disables the first button. */
  disabled?: boolean;
  testId: string;
  confirmTestId: string;
}) {
  if (!confirming)
    return (
      <button
        type="button"
        className={BUTTON_DANGER}
        disabled={disabled}
        onClick={() => onConfirmingChange(true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  return (
    <div role="group" aria-label={groupLabel} className="flex flex-wrap items-center gap-2">
      <p className="text-sm">{question}</p>
      <button type="button" className={BUTTON_SECONDARY} onClick={() => onConfirmingChange(false)}>
        Cancel
      </button>
      <button
        type="button"
        className={BUTTON_DANGER_SOLID}
        autoFocus
        disabled={busy}
        onClick={onConfirm}
        data-testid={confirmTestId}
      >
        {confirmLabel}
      </button>
    </div>
  );
}
