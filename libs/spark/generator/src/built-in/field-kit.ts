// What labelled form controls share (input, textarea, select, search box, form fields): a visible
// label tied to the control, a hint and an error announced through aria-describedby, and
// aria-invalid; each part supplies only its control element.
import type { TKitProp } from './component-kit';
import type { TDesignStyle } from './design-style';
import { literal } from './part-kit';

/** The props every labelled control takes. */
export function fieldProps(label: string): TKitProp[] {
  return [
    { name: 'label', type: 'string', optional: false, description: 'The visible label.', sample: literal(label) },
    { name: 'hint', type: 'string', description: 'Help text under the control.' },
    { name: 'error', type: 'string | null', description: 'A validation message; marks the control invalid.', defaultValue: 'null' },
    { name: 'required', type: 'boolean', description: 'Whether a value is required.', defaultValue: 'false' },
  ];
}

/** Statements that compute the ids the label, hint and error use. */
export const FIELD_IDS = [
  'const id = useId();',
  'const hintId = `${id}-hint`;',
  'const errorId = `${id}-error`;',
  'const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(\' \') || undefined;',
];

/** Attributes a control needs to be labelled and described (spread into its JSX). */
export const CONTROL_ATTRIBUTES = ['id={id}', 'aria-invalid={error ? true : undefined}', 'aria-describedby={describedBy}', 'required={required}'];

/** The label, the control and the hint/error around it. */
export function fieldJsx(style: TDesignStyle, control: string): string {
  return [
    `<div className=${JSON.stringify(`flex flex-col ${style.density.isCompact ? 'gap-1' : 'gap-1.5'}`)}>`,
    `  <label htmlFor={id} className=${JSON.stringify(style.labelText)}>`,
    `    {label}`,
    `    {required ? <span className=${JSON.stringify('text-danger-text')}> *</span> : null}`,
    '  </label>',
    ...control.split('\n').map((line) => `  ${line}`),
    `  {hint ? <p id={hintId} className=${JSON.stringify(style.muted)}>{hint}</p> : null}`,
    `  {error ? <p id={errorId} role="alert" className=${JSON.stringify(style.errorText)}>{error}</p> : null}`,
    '</div>',
  ].join('\n');
}

/** The classes of a text-like control, invalid look included. */
export function controlClass(style: TDesignStyle, extra = ''): string {
  return `w-full ${style.field} ${style.density.isCompact ? 'px-2 py-1 text-sm' : 'px-3 py-2 text-sm'} aria-invalid:border-danger-text disabled:opacity-50 ${extra}`.trim();
}
