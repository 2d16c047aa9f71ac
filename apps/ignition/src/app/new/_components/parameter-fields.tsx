'use client';
import type { TParameter, TParameters } from '@lumenforge/ignition-templates';
import { INPUT } from '@lumenforge/ui/page-parts';
import { FieldError, FormField } from '../../_components/form-field';
import { issueAt } from './wizard-draft';

const labelOf = (name: string, parameter: TParameter) => parameter.title ?? name;

function EnumSelect({
  id,
  control,
  parameter,
  value,
  onChange,
}: {
  id: string;
  control: object;
  parameter: TParameter & { enum: NonNullable<TParameter['enum']> };
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const index = parameter.enum.findIndex((option) => option === value);
  return (
    <select
      {...control}
      id={id}
      value={index === -1 ? '' : String(index)}
      onChange={(event) => onChange(parameter.enum[Number(event.target.value)])}
      className={INPUT}
    >
      {index === -1 ? <option value="">Choose…</option> : null}
      {parameter.enum.map((option, optionIndex) => (
        <option key={String(option)} value={String(optionIndex)}>
          {String(option)}
        </option>
      ))}
    </select>
  );
}

/** One parameter as a control: boolean → checkbox, enum → select, number → number input, else text. */
function ParameterField({
  formId,
  name,
  parameter,
  value,
  error,
  onChange,
}: {
  formId: string;
  name: string;
  parameter: TParameter;
  value: unknown;
  error: string | null;
  onChange: (value: unknown) => void;
}) {
  const id = `${formId}-param-${name}`;
  if (parameter.type === 'boolean') {
    const describedBy = [parameter.description ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className="min-w-0">
        <label className="flex items-start gap-2 text-sm">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            className="mt-0.5 size-4 accent-accent-600"
            aria-describedby={describedBy || undefined}
            aria-invalid={error ? true : undefined}
          />
          <span>{labelOf(name, parameter)}</span>
        </label>
        {parameter.description ? (
          <p id={`${id}-hint`} className="mt-1 ml-6 text-xs text-fg-subtle">
            {parameter.description}
          </p>
        ) : null}
        <FieldError id={`${id}-error`} field={id} message={error} />
      </div>
    );
  }
  const isArray = parameter.type === 'array';
  const isNumber = parameter.type === 'number' || parameter.type === 'integer';
  return (
    <FormField
      id={id}
      label={labelOf(name, parameter)}
      hint={
        isArray ? `${parameter.description ?? ''} Separate values with commas.`.trim() : parameter.description
      }
      error={error}
    >
      {(control) =>
        parameter.enum ? (
          <EnumSelect
            id={id}
            control={control}
            parameter={{ ...parameter, enum: parameter.enum }}
            value={value}
            onChange={onChange}
          />
        ) : (
          <input
            {...control}
            type={isNumber ? 'number' : 'text'}
            step={parameter.type === 'integer' ? 1 : undefined}
            min={parameter.minimum}
            max={parameter.maximum}
            value={isArray ? (Array.isArray(value) ? value.join(', ') : '') : String(value ?? '')}
            onChange={(event) => {
              const text = event.target.value;
              if (isArray)
                onChange(
                  text
                    .split(',')
                    .map((item) => item.trim())
                    .filter(Boolean)
                    .map((item) => (parameter.items?.type === 'string' ? item : Number(item))),
                );
              else if (isNumber) onChange(text === '' ? undefined : Number(text));
              else onChange(text);
            }}
            className={INPUT}
          />
        )
      }
    </FormField>
  );
}

/** The template's own questions, rendered from its parameters' JSON Schema. */
export function ParameterFields({
  formId,
  schema,
  values,
  issues,
  onChange,
}: {
  formId: string;
  schema: TParameters;
  values: Record<string, unknown>;
  issues: readonly { path: string; message: string }[];
  onChange: (name: string, value: unknown) => void;
}) {
  const entries = Object.entries(schema.properties);
  if (entries.length === 0) return <p className="text-sm text-fg-muted">This template has no options.</p>;
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="template-parameters">
      {entries.map(([name, parameter]) => (
        <ParameterField
          key={name}
          formId={formId}
          name={name}
          parameter={parameter}
          value={values[name]}
          error={issueAt(issues, `answers.${name}`)}
          onChange={(value) => onChange(name, value)}
        />
      ))}
    </div>
  );
}
