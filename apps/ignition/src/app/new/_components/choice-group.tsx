'use client';
import { FieldError } from '../../_components/form-field';

/** Radio buttons as bordered cards (the Git target, the theme, the deployment environment). */
export function ChoiceGroup<TValue extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  testId,
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: TValue; label: string; hint: string }>;
  value: TValue;
  onChange: (value: TValue) => void;
  error?: string | null;
  testId?: string;
}) {
  return (
    <fieldset data-testid={testId} aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {options.map((option) => (
          <label
            key={option.value}
            className={`flex min-w-0 cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-focus ${
              option.value === value ? 'border-accent-500 bg-accent-surface' : 'border-border bg-surface'
            }`}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              className="mt-0.5 size-4 shrink-0"
            />
            <span className="min-w-0">
              <span className="font-medium">{option.label}</span>
              <span className="block text-xs text-fg-muted">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} field={name} message={error} />
    </fieldset>
  );
}
