// Radio group (WAI-ARIA APG "radio group"): a fieldset with a legend and native radios, so arrow
// keys move the choice and Tab enters and leaves the group as one stop.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import { optionItems } from '../options-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';
import { promptLabel } from '../plan-text';

export function buildRadioGroup(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const items = optionItems(plan);
  const label = promptLabel(plan, 'Choose one');
  const isInline = variation === 2;
  const hasDisabled = plan.states.includes('disabled');
  const optionClass = variation === 1
    ? `flex items-center ${style.density.gap} ${style.density.cell} ${style.panel} has-checked:border-accent`
    : `flex items-center ${style.density.isCompact ? 'gap-1.5' : 'gap-2'} ${style.labelText}`;
  return buildComponentFiles({
    plan,
    context,
    items,
    props: [
      { name: 'label', type: 'string', optional: false, description: 'The legend naming the group.', sample: literal(label) },
      { name: 'value', type: 'string', description: 'The chosen value, when the parent controls it.' },
      { name: 'defaultValue', type: 'string', description: 'The starting choice when uncontrolled.' },
      { name: 'onChange', type: '(value: string) => void', description: 'Called with the chosen value.', sample: FN },
    ],
    body: [
      'const name = useId();',
      'const [ownValue, setOwnValue] = useState(defaultValue);',
      'const chosen = value ?? ownValue;',
      ...handler(context, 'handleChange', 'next: string', ['if (value === undefined) setOwnValue(next);', 'onChange?.(next);'], ['value', 'onChange']),
    ],
    render: [
      `<fieldset className=${JSON.stringify(`flex flex-col ${style.density.gap}`)}${hasDisabled ? ' disabled={disabled}' : ''}>`,
      `  <legend className=${JSON.stringify(`${style.labelText} ${style.density.isCompact ? 'mb-1' : 'mb-2'}`)}>{label}</legend>`,
      `  <div className=${JSON.stringify(isInline ? `flex flex-wrap ${style.density.gap}` : `flex flex-col ${style.density.isCompact ? 'gap-1' : 'gap-2'}`)}>`,
      '    {options.map((option) => (',
      `      <label key={option.value} className=${JSON.stringify(optionClass)}>`,
      '        <input',
      '          type="radio"',
      '          name={name}',
      '          value={option.value}',
      '          checked={chosen === option.value}',
      '          onChange={() => handleChange(option.value)}',
      `          className=${JSON.stringify('size-4 accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus')}`,
      '        />',
      '        {option.label}',
      '      </label>',
      '    ))}',
      '  </div>',
      '</fieldset>',
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'is a named group whose choice is reported',
        body: [
          'const { props, user } = await setup();',
          `const group = screen.getByRole('group', { name: ${literal(label)} });`,
          'expect(within(group).getAllByRole(\'radio\')).toHaveLength(' + items.labels.length + ');',
          `await user.click(screen.getByRole('radio', { name: ${literal(items.labels[1] ?? '')} }));`,
          "expect(props.onChange).toHaveBeenCalledWith('option-2');",
        ],
      },
      {
        name: 'moves the choice with the arrow keys',
        body: [
          "const { props, user } = await setup({ defaultValue: 'option-1' });",
          'await user.tab();',
          `expect(document.activeElement).toBe(screen.getByRole('radio', { name: ${literal(items.firstText)} }));`,
          "await user.keyboard('{ArrowDown}');",
          "expect(props.onChange).toHaveBeenLastCalledWith('option-2');",
          `expect((screen.getByRole('radio', { name: ${literal(items.labels[1] ?? '')} }) as HTMLInputElement).checked).toBe(true);`,
        ],
      },
      ...(hasDisabled ? [{ name: 'takes no choice when disabled', body: ['const { props, user } = await setup({ disabled: true });', `await user.click(screen.getByRole('radio', { name: ${literal(items.firstText)} }));`, 'expect(props.onChange).not.toHaveBeenCalled();'] }] : []),
    ],
    play: [`const option = await canvas.findByRole('radio', { name: ${literal(items.labels[1] ?? '')} });`, 'await userEvent.click(option);', 'await expect(option).toBeChecked();', "await expect(args.onChange).toHaveBeenCalledWith('option-2');"],
    notes: {
      design: [isInline ? 'options side by side' : variation === 1 ? 'each option a bordered tile, the chosen one in the accent border' : 'options stacked under the legend'],
      logic: ['fieldset + legend + native radios: arrow keys move the choice, one Tab stop; controlled or uncontrolled'],
    },
  });
}
