// Text input and textarea: a labelled native control, controlled or not, with hint, validation
// message (aria-invalid + aria-describedby) and disabled; the input's type follows its name.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import { CONTROL_ATTRIBUTES, controlClass, FIELD_IDS, fieldJsx, fieldProps } from '../field-kit';
import type { TPartBuild, TPartContext } from '../part';
import { humanise, literal } from '../part-kit';
import { promptLabel } from '../plan-text';

const INPUT_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/mail/, 'email'],
  [/password/, 'password'],
  [/phone|tel/, 'tel'],
  [/url|website|link/, 'url'],
  [/age|amount|quantity|number|count/, 'number'],
];

export function buildTextControl(plan: TComponentPlan, context: TPartContext, isMultiline: boolean): TPartBuild {
  const style = context.design;
  const label = promptLabel(plan, isMultiline ? 'Message' : 'Name');
  const inputType = isMultiline ? 'text' : (INPUT_TYPES.find(([pattern]) => pattern.test(humanise(plan.name)))?.[1] ?? 'text');
  const disabled = plan.states.includes('disabled') ? ['disabled={disabled}'] : [];
  const tag = isMultiline ? 'textarea' : 'input';
  const control = [
    `<${tag}`,
    ...[...CONTROL_ATTRIBUTES, ...(isMultiline ? [`rows={${style.density.isCompact ? 3 : 5}}`] : [`type=${JSON.stringify(inputType)}`]), 'name={name}', 'placeholder={placeholder}', 'value={value}', 'onChange={handleChange}', ...disabled, `className=${JSON.stringify(controlClass(style, isMultiline ? 'resize-y' : ''))}`].map((line) => `  ${line}`),
    '/>',
  ].join('\n');
  const typed = 'Hello there';
  return buildComponentFiles({
    plan,
    context,
    props: [
      ...fieldProps(label),
      { name: 'name', type: 'string', description: 'The form field name.' },
      { name: 'placeholder', type: 'string', description: 'Shown while empty.' },
      { name: 'value', type: 'string', description: 'The value, when the parent controls it.' },
      { name: 'defaultValue', type: 'string', description: 'The starting value when uncontrolled.', defaultValue: "''" },
      { name: 'onChange', type: '(value: string) => void', description: 'Called with the new value on every change.', sample: FN },
    ],
    ownStates: ['error'],
    body: [
      ...FIELD_IDS,
      'const [ownValue, setOwnValue] = useState(defaultValue);',
      'const isControlled = value !== undefined;',
      ...handler(context, 'handleChange', 'event: { target: { value: string } }', ['if (!isControlled) setOwnValue(event.target.value);', 'onChange?.(event.target.value);'], ['isControlled', 'onChange']),
    ],
    render: fieldJsx(style, control).replace('value={value}', 'value={isControlled ? value : ownValue}'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'is labelled and reports what is typed',
        body: [
          'const { props, user } = await setup();',
          `const field = screen.getByLabelText(${literal(label)});`,
          `await user.type(field, ${literal(typed)});`,
          `expect((field as HTML${isMultiline ? 'TextArea' : 'Input'}Element).value).toBe(${literal(typed)});`,
          `expect(props.onChange).toHaveBeenLastCalledWith(${literal(typed)});`,
        ],
      },
      {
        name: 'is reached with Tab',
        body: ['const { user } = await setup();', 'await user.tab();', `expect(document.activeElement).toBe(screen.getByLabelText(${literal(label)}));`],
      },
      {
        name: 'shows a validation message tied to the field',
        body: [
          `await setup({ error: 'This field is required.' });`,
          `const field = screen.getByLabelText(${literal(label)});`,
          "expect(field.getAttribute('aria-invalid')).toBe('true');",
          "const message = screen.getByRole('alert');",
          "expect(message.textContent).toBe('This field is required.');",
          "expect(field.getAttribute('aria-describedby')).toContain(message.id);",
        ],
      },
      ...(plan.states.includes('disabled')
        ? [{
            name: 'takes no input when disabled',
            body: ['const { props, user } = await setup({ disabled: true });', `await user.type(screen.getByLabelText(${literal(label)}), 'x');`, 'expect(props.onChange).not.toHaveBeenCalled();'],
          }]
        : []),
    ],
    play: [`const field = canvas.getByLabelText(${literal(label)});`, `await userEvent.type(field, ${literal(typed)});`, `await expect(field).toHaveValue(${literal(typed)});`, `await expect(args.onChange).toHaveBeenCalled();`],
    stories: [{ name: 'Invalid', args: "{ error: 'This field is required.' }" }, { name: 'WithHint', args: `{ hint: ${literal(`What we call you.`)} }` }],
    notes: {
      design: [`${isMultiline ? 'multi-line' : inputType} field with a label above, hint and error below in the danger token`],
      logic: ['controlled (value) or uncontrolled (defaultValue); label, hint and error tied with htmlFor and aria-describedby; aria-invalid on error'],
      performance: context.performance.memo ? ['the change handler is stable (useCallback)'] : [],
    },
  });
}

export function buildInput(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  return buildTextControl(plan, context, false);
}
