'use client';
import { useState } from 'react';
import { INPUT, LABEL } from '@lumenforge/ui/page-parts';
import { SelectField } from '../lib/ui';
import { BezierEditor } from './bezier-editor';
import {
  colorCss,
  colorFromHex,
  colorFromOklch,
  fieldsFromColor,
  normalizeHex,
  type TColorFields,
} from './color-model';

export type TValueEditorProps = {
  /** The token's type. */
  type: string;
  value: unknown;
  /** The new value, and why it is not valid yet (`null` when it is). */
  onChange: (value: unknown, error: string | null) => void;
  idPrefix: string;
  disabled: boolean;
};

function FieldError({ error, id }: { error: string | null; id: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-danger-text" data-testid="value-error">
      {error}
    </p>
  );
}

/** The inputs that fit a token type; composite types get a JSON text area. */
export function ValueEditor(props: TValueEditorProps) {
  switch (props.type) {
    case 'color':
      return <ColorEditor {...props} />;
    case 'dimension':
      return <AmountEditor {...props} units={['px', 'rem']} fallbackUnit="px" />;
    case 'duration':
      return <AmountEditor {...props} units={['ms', 's']} fallbackUnit="ms" />;
    case 'cubicBezier':
      return (
        <BezierEditor
          value={props.value}
          onChange={props.onChange}
          idPrefix={props.idPrefix}
          disabled={props.disabled}
        />
      );
    case 'fontWeight':
      return <FontWeightEditor {...props} />;
    case 'fontFamily':
      return <FontFamilyEditor {...props} />;
    case 'number':
      return <NumberEditor {...props} />;
    default:
      return <JsonEditor {...props} />;
  }
}

function ColorEditor({ value, onChange, idPrefix, disabled }: TValueEditorProps) {
  const [fields, setFields] = useState<TColorFields>(() => fieldsFromColor(value));
  const [error, setError] = useState<string | null>(null);
  const errorId = `${idPrefix}-color-error`;

  function apply(next: TColorFields, source: 'hex' | 'oklch') {
    const result = source === 'hex' ? colorFromHex(next) : colorFromOklch(next);
    if (result.ok) {
      setFields(source === 'hex' ? { ...result.fields, hex: next.hex } : result.fields);
      setError(null);
      onChange(result.value, null);
    } else {
      setFields(next);
      setError(result.error);
      onChange(value, result.error);
    }
  }

  const preview = error
    ? null
    : colorCss({
        colorSpace: 'oklch',
        components: [Number(fields.l), Number(fields.c), Number(fields.h)],
        alpha: Number(fields.alpha),
      });
  const hexForPicker = normalizeHex(fields.hex) ?? '#000000';
  const field = (
    key: keyof TColorFields,
    label: string,
    source: 'hex' | 'oklch',
    width: string,
    step?: string,
  ) => (
    <div className={width}>
      <label htmlFor={`${idPrefix}-${key}`} className={LABEL}>
        {label}
      </label>
      <input
        id={`${idPrefix}-${key}`}
        type={key === 'hex' ? 'text' : 'number'}
        step={step}
        inputMode={key === 'hex' ? 'text' : 'decimal'}
        spellCheck={false}
        className={`${INPUT} mt-1 font-mono`}
        value={fields[key]}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => apply({ ...fields, [key]: event.target.value }, source)}
        data-testid={`color-${key}`}
      />
    </div>
  );

  return (
    <div className="space-y-3">
      <div className="flex items-end gap-3">
        <div
          className="size-16 shrink-0 rounded-md border border-border-strong"
          style={{ background: preview ?? 'transparent' }}
          role="img"
          aria-label={`Preview: ${fields.hex}`}
          data-testid="color-preview"
        />
        <div>
          <label htmlFor={`${idPrefix}-picker`} className={LABEL}>
            Pick
          </label>
          <input
            id={`${idPrefix}-picker`}
            type="color"
            className="mt-1 block h-9 w-14 cursor-pointer rounded-md border border-border-strong bg-surface"
            value={hexForPicker}
            disabled={disabled}
            onChange={(event) => apply({ ...fields, hex: event.target.value }, 'hex')}
            data-testid="color-picker"
          />
        </div>
        {field('hex', 'Hex', 'hex', 'w-28')}
        {field('alpha', 'Alpha (0–1)', 'oklch', 'w-24', '0.01')}
      </div>
      <fieldset className="flex flex-wrap gap-3">
        <legend className={`${LABEL} mb-1`}>OKLCH</legend>
        {field('l', 'L (0–1)', 'oklch', 'w-24', '0.001')}
        {field('c', 'C (0–0.5)', 'oklch', 'w-24', '0.001')}
        {field('h', 'H (0–360)', 'oklch', 'w-24', '0.1')}
      </fieldset>
      <FieldError error={error} id={errorId} />
    </div>
  );
}

function AmountEditor({
  value,
  onChange,
  idPrefix,
  disabled,
  units,
  fallbackUnit,
}: TValueEditorProps & { units: readonly string[]; fallbackUnit: string }) {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const [amount, setAmount] = useState(typeof record['value'] === 'number' ? String(record['value']) : '0');
  const [unit, setUnit] = useState(typeof record['unit'] === 'string' ? record['unit'] : fallbackUnit);
  const [error, setError] = useState<string | null>(null);

  function apply(nextAmount: string, nextUnit: string) {
    setAmount(nextAmount);
    setUnit(nextUnit);
    const number = Number(nextAmount);
    const problem = nextAmount.trim() === '' || !Number.isFinite(number) ? 'Enter a number.' : null;
    setError(problem);
    onChange(problem ? value : { value: number, unit: nextUnit }, problem);
  }

  return (
    <div>
      <div className="flex items-end gap-2">
        <div className="w-32">
          <label htmlFor={`${idPrefix}-amount`} className={LABEL}>
            Value
          </label>
          <input
            id={`${idPrefix}-amount`}
            type="number"
            step="any"
            className={`${INPUT} mt-1`}
            value={amount}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            onChange={(event) => apply(event.target.value, unit)}
            data-testid="amount-value"
          />
        </div>
        <SelectField
          id={`${idPrefix}-unit`}
          label="Unit"
          className="w-24"
          value={unit}
          options={units}
          disabled={disabled}
          onChange={(nextUnit) => apply(amount, nextUnit)}
          testId="amount-unit"
        />
      </div>
      <FieldError error={error} id={`${idPrefix}-amount-error`} />
    </div>
  );
}

const WEIGHTS: ReadonlyArray<[number, string]> = [
  [100, 'thin'],
  [200, 'extra light'],
  [300, 'light'],
  [400, 'normal'],
  [500, 'medium'],
  [600, 'semibold'],
  [700, 'bold'],
  [800, 'extra bold'],
  [900, 'black'],
];

function FontWeightEditor({ value, onChange, idPrefix, disabled }: TValueEditorProps) {
  const [text, setText] = useState(String(value ?? 400));
  const [error, setError] = useState<string | null>(null);
  function apply(next: string) {
    setText(next);
    const number = Number(next);
    const problem =
      Number.isInteger(number) && number >= 1 && number <= 1000
        ? null
        : 'A weight is a whole number from 1 to 1000.';
    setError(problem);
    onChange(problem ? value : number, problem);
  }
  return (
    <div>
      <div className="flex items-end gap-2">
        <SelectField
          id={`${idPrefix}-weight-named`}
          label="Named weight"
          className="w-44"
          value={WEIGHTS.some(([weight]) => String(weight) === text) ? text : ''}
          options={[
            { value: '', label: 'Custom' },
            ...WEIGHTS.map(([weight, name]) => ({ value: String(weight), label: `${weight} · ${name}` })),
          ]}
          disabled={disabled}
          onChange={apply}
        />
        <div className="w-28">
          <label htmlFor={`${idPrefix}-weight`} className={LABEL}>
            Weight
          </label>
          <input
            id={`${idPrefix}-weight`}
            type="number"
            min={1}
            max={1000}
            className={`${INPUT} mt-1`}
            value={text}
            disabled={disabled}
            onChange={(event) => apply(event.target.value)}
            data-testid="font-weight"
          />
        </div>
        <p className="pb-1.5 text-base" style={{ fontWeight: Number(text) || 400 }} aria-hidden="true">
          Aa Bb Cc
        </p>
      </div>
      <FieldError error={error} id={`${idPrefix}-weight-error`} />
    </div>
  );
}

function FontFamilyEditor({ value, onChange, idPrefix, disabled }: TValueEditorProps) {
  const [text, setText] = useState(Array.isArray(value) ? value.join(', ') : String(value ?? ''));
  const [error, setError] = useState<string | null>(null);
  function apply(next: string) {
    setText(next);
    const families = next
      .split(',')
      .map((family) => family.trim().replace(/^["']|["']$/g, ''))
      .filter(Boolean);
    const problem = families.length ? null : 'Enter at least one font family.';
    setError(problem);
    onChange(problem ? value : families.length === 1 ? families[0] : families, problem);
  }
  return (
    <div>
      <label htmlFor={`${idPrefix}-family`} className={LABEL}>
        Font families, comma-separated, in order of preference
      </label>
      <input
        id={`${idPrefix}-family`}
        type="text"
        className={`${INPUT} mt-1 font-mono`}
        value={text}
        disabled={disabled}
        onChange={(event) => apply(event.target.value)}
        data-testid="font-family"
      />
      <p className="mt-2 text-base" style={{ fontFamily: text }} aria-hidden="true">
        The quick brown fox jumps over the lazy dog
      </p>
      <FieldError error={error} id={`${idPrefix}-family-error`} />
    </div>
  );
}

function NumberEditor({ value, onChange, idPrefix, disabled }: TValueEditorProps) {
  const [text, setText] = useState(String(value ?? 0));
  const [error, setError] = useState<string | null>(null);
  function apply(next: string) {
    setText(next);
    const number = Number(next);
    const problem = next.trim() !== '' && Number.isFinite(number) ? null : 'Enter a number.';
    setError(problem);
    onChange(problem ? value : number, problem);
  }
  return (
    <div className="w-40">
      <label htmlFor={`${idPrefix}-number`} className={LABEL}>
        Number
      </label>
      <input
        id={`${idPrefix}-number`}
        type="number"
        step="any"
        className={`${INPUT} mt-1`}
        value={text}
        disabled={disabled}
        onChange={(event) => apply(event.target.value)}
        data-testid="number-value"
      />
      <FieldError error={error} id={`${idPrefix}-number-error`} />
    </div>
  );
}

/** Parses the JSON text area of a composite value; `error` says where it is broken. */
export function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!text.trim()) return { ok: false, error: 'Enter the value as JSON.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function JsonEditor({ type, value, onChange, idPrefix, disabled }: TValueEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const errorId = `${idPrefix}-json-error`;
  return (
    <div>
      <label htmlFor={`${idPrefix}-json`} className={LABEL}>
        Value ({type || 'unknown type'}) as JSON
      </label>
      <textarea
        id={`${idPrefix}-json`}
        rows={Math.min(16, Math.max(4, text.split('\n').length))}
        spellCheck={false}
        className={`${INPUT} mt-1 font-mono text-xs`}
        value={text}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parseJsonValue(event.target.value);
          setError(parsed.ok ? null : parsed.error);
          onChange(parsed.ok ? parsed.value : value, parsed.ok ? null : parsed.error);
        }}
        data-testid="json-value"
      />
      <FieldError error={error} id={errorId} />
    </div>
  );
}
