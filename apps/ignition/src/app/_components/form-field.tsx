import { LABEL } from '@lumenforge/ui/page-parts';
import type { ReactNode } from 'react';

/** The attributes a control inside `FormField` spreads: its id, invalid state and described-by. */
export type TFieldControlProps = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

/**
 * A labelled control with its hint and its error underneath, both named by `aria-describedby`
 * (the error as `<id>-error`, test hook `field-error` with `data-field`).
 */
export function FormField({
  id,
  label,
  hint,
  error,
  className = '',
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (control: TFieldControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <div className="mt-1">
        {children({
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy || undefined,
        })}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-fg-subtle">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} field={id} message={error} />
    </div>
  );
}

/** A field's error line (nothing when there is none). */
export function FieldError({ id, field, message }: { id: string; field: string; message?: string | null }) {
  return message ? (
    <p id={id} className="mt-1 text-xs text-danger-text" data-testid="field-error" data-field={field}>
      {message}
    </p>
  ) : null;
}
