// Select: a labelled native <select> (arrow keys, type-ahead and the platform picker for free),
// options as a prop or loaded, with hint, validation message and disabled.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import { CONTROL_ATTRIBUTES, controlClass, FIELD_IDS, fieldJsx, fieldProps } from '../field-kit';
import { optionItems } from '../options-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';
import { promptLabel } from '../plan-text';

export function buildSelect(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const items = optionItems(plan);
  const label = promptLabel(plan, 'Choose an option');
  const second = items.labels[1] ?? items.firstText;
  const control = [
    '<select',
    ...[...CONTROL_ATTRIBUTES, 'value={value ?? ownValue}', 'onChange={handleChange}', ...(plan.states.includes('disabled') ? ['disabled={disabled}'] : []), `className=${JSON.stringify(controlClass(style))}`].map((line) => `  ${line}`),
    '>',
    '  <option value="" disabled>',
    '    {placeholder}',
    '  </option>',
    '  {options.map((option) => (',
    '    <option key={option.value} value={option.value}>',
    '      {option.label}',
    '    </option>',
    '  ))}',
    '</select>',
  ].join('\n');
  return buildComponentFiles({
    plan,
    context,
    items,
    props: [
      ...fieldProps(label),
      { name: 'placeholder', type: 'string', description: 'The prompt shown before a choice.', defaultValue: literal('Select…') },
      { name: 'value', type: 'string', description: 'The chosen value, when the parent controls it.' },
      { name: 'defaultValue', type: 'string', description: 'The starting value when uncontrolled.', defaultValue: "''" },
      { name: 'onChange', type: '(value: string) => void', description: 'Called with the chosen value.', sample: FN },
    ],
    ownStates: ['error'],
    body: [
      ...FIELD_IDS,
      'const [ownValue, setOwnValue] = useState(defaultValue);',
      ...handler(context, 'handleChange', 'event: { target: { value: string } }', ['if (value === undefined) setOwnValue(event.target.value);', 'onChange?.(event.target.value);'], ['value', 'onChange']),
    ],
    render: fieldJsx(style, control),
    disabledOn: 'controls',
    tests: [
      {
        name: 'is labelled and reports the chosen option',
        body: [
          'const { props, user } = await setup();',
          `const select = screen.getByLabelText(${literal(label)});`,
          `await user.selectOptions(select, ${literal(second)});`,
          "expect((select as HTMLSelectElement).value).toBe('option-2');",
          "expect(props.onChange).toHaveBeenCalledWith('option-2');",
        ],
      },
      {
        name: 'lists every option and is reached with Tab',
        body: ['const { user } = await setup();', `expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([${literal('Select…')}, ${items.labels.map((text) => literal(text)).join(', ')}]);`, 'await user.tab();', `expect(document.activeElement).toBe(screen.getByLabelText(${literal(label)}));`],
      },
      {
        name: 'shows a validation message tied to the select',
        body: ["await setup({ error: 'Choose one.' });", `const select = screen.getByLabelText(${literal(label)});`, "expect(select.getAttribute('aria-invalid')).toBe('true');", "expect(screen.getByRole('alert').textContent).toBe('Choose one.');"],
      },
    ],
    play: [`const select = await canvas.findByLabelText(${literal(label)});`, `await userEvent.selectOptions(select, ${literal(second)});`, "await expect(args.onChange).toHaveBeenCalledWith('option-2');"],
    stories: [{ name: 'Invalid', args: "{ error: 'Choose one.' }" }],
    notes: {
      design: ['native select styled like the text fields, so the platform picker and type-ahead keep working'],
      logic: [`${items.labels.length} sample options (${items.labels.join(', ')}); controlled or uncontrolled; hint and error tied with aria-describedby`],
    },
  });
}
