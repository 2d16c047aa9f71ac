import { INPUT, LABEL } from '@lumenforge/ui/page-parts';
import type { ReactNode } from 'react';

export type TComponentDetails = { name: string; description: string; category: string };
export type TComponentDetailField = keyof TComponentDetails;

/**
 * A component's name, category and description: the fields the "New component" form and the
 * generator's save form share. Each field's error (the server's issue, or a check made here) sits
 * under it and is named by `aria-describedby`; `nameHint` says what the name does in that form.
 */
export function ComponentDetailsFields({
  formId,
  values,
  errors,
  onChange,
  nameHint,
  placeholders = {},
  nameErrorTestId,
}: {
  /** Prefix of the fields' ids (`useId()` of the form). */
  formId: string;
  values: TComponentDetails;
  errors: Partial<Record<TComponentDetailField, string | null>>;
  onChange: (field: TComponentDetailField, value: string) => void;
  nameHint: ReactNode;
  placeholders?: Partial<Record<TComponentDetailField, string>>;
  nameErrorTestId?: string;
}) {
  const describedBy = (field: TComponentDetailField, hint?: string) =>
    [hint, errors[field] ? `${formId}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: TComponentDetailField, testId?: string) =>
    errors[field] ? (
      <p id={`${formId}-${field}-error`} className="mt-1 text-xs text-danger-text" data-testid={testId}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="min-w-0">
          <label htmlFor={`${formId}-name`} className={LABEL}>
            Name
          </label>
          <input
            id={`${formId}-name`}
            name="name"
            type="text"
            required
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            value={values.name}
            onChange={(event) => onChange('name', event.target.value)}
            placeholder={placeholders.name}
            className={`${INPUT} mt-1 font-mono`}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name', `${formId}-name-hint`)}
          />
          <p id={`${formId}-name-hint`} className="mt-1 text-xs text-fg-subtle">
            {nameHint}
          </p>
          {fieldError('name', nameErrorTestId)}
        </div>
        <div className="min-w-0">
          <label htmlFor={`${formId}-category`} className={LABEL}>
            Category (optional)
          </label>
          <input
            id={`${formId}-category`}
            name="category"
            type="text"
            maxLength={100}
            value={values.category}
            onChange={(event) => onChange('category', event.target.value)}
            placeholder={placeholders.category}
            className={`${INPUT} mt-1`}
            aria-invalid={errors.category ? true : undefined}
            aria-describedby={describedBy('category')}
          />
          {fieldError('category')}
        </div>
      </div>
      <div>
        <label htmlFor={`${formId}-description`} className={LABEL}>
          Description (optional)
        </label>
        <textarea
          id={`${formId}-description`}
          name="description"
          rows={2}
          maxLength={2000}
          value={values.description}
          onChange={(event) => onChange('description', event.target.value)}
          placeholder={placeholders.description}
          className={`${INPUT} mt-1`}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy('description')}
        />
        {fieldError('description')}
      </div>
    </>
  );
}
