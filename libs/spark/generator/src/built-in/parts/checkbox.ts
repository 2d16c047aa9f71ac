// Checkbox and switch (WAI-ARIA APG "checkbox", "switch"): a native checkbox in its label, or a
// button with role="switch" and aria-checked; Space toggles both; controlled or not.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';
import { promptLabel } from '../plan-text';

export function buildToggle(plan: TComponentPlan, variation: number, context: TPartContext, isSwitch: boolean): TPartBuild {
  const style = context.design;
  const label = promptLabel(plan, isSwitch ? 'Notifications' : 'I agree to the terms');
  const hasDisabled = plan.states.includes('disabled');
  const role = isSwitch ? 'switch' : 'checkbox';
  // Looks: label after the control; a settings row with the label first; a quiet inline control.
  const isRow = variation === 1;
  const wrapper = isRow ? `${style.panel} ${style.density.cell} flex w-full items-center justify-between ${style.density.gap}` : `inline-flex items-center ${variation === 2 ? 'gap-1.5' : style.density.gap}`;
  const track = variation === 2 ? "'bg-fg'" : "'bg-accent'";
  const control = isSwitch
    ? [
        `<div className=${JSON.stringify(wrapper)}>`,
        ...(isRow ? [`  <span id={labelId} className=${JSON.stringify(style.labelText)}>`, '    {label}', '  </span>'] : []),
        '  <button',
        '    type="button"',
        '    role="switch"',
        '    id={id}',
        '    aria-checked={isChecked}',
        '    aria-labelledby={labelId}',
        ...(hasDisabled ? ['    disabled={disabled}'] : []),
        '    onClick={handleToggle}',
        `    className={\`inline-flex h-6 w-11 shrink-0 items-center rounded-full p-0.5 transition-colors duration-(--duration-fast) ease-standard focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus disabled:opacity-50 \${isChecked ? ${track} : 'bg-border-strong'}\`}`,
        '  >',
        `    <span aria-hidden="true" className={\`size-5 rounded-full bg-surface shadow-sm transition-transform duration-(--duration-fast) ease-standard \${isChecked ? 'translate-x-5' : 'translate-x-0'}\`} />`,
        '  </button>',
        ...(isRow ? [] : [`  <span id={labelId} className=${JSON.stringify(style.labelText)}>`, '    {label}', '  </span>']),
        '</div>',
      ].join('\n')
    : [
        `<label htmlFor={id} className=${JSON.stringify(`${wrapper} ${style.labelText}`)}>`,
        ...(isRow ? ['  {label}'] : []),
        '  <input',
        '    type="checkbox"',
        '    id={id}',
        '    checked={isChecked}',
        ...(hasDisabled ? ['    disabled={disabled}'] : []),
        '    onChange={handleToggle}',
        `    className=${JSON.stringify('size-4 rounded-sm border-border accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus disabled:opacity-50')}`,
        '  />',
        ...(isRow ? [] : ['  {label}']),
        '</label>',
      ].join('\n');
  return buildComponentFiles({
    plan,
    context,
    props: [
      { name: 'label', type: 'string', optional: false, description: 'The visible label.', sample: literal(label) },
      { name: 'checked', type: 'boolean', description: 'On or off, when the parent controls it.' },
      { name: 'defaultChecked', type: 'boolean', description: 'The starting state when uncontrolled.', defaultValue: 'false' },
      { name: 'onChange', type: '(checked: boolean) => void', description: 'Called with the new state.', sample: FN },
    ],
    body: [
      'const id = useId();',
      ...(isSwitch ? ['const labelId = `${id}-label`;'] : []),
      'const [ownChecked, setOwnChecked] = useState(defaultChecked);',
      'const isChecked = checked ?? ownChecked;',
      ...handler(context, 'handleToggle', '', ['const next = !isChecked;', 'if (checked === undefined) setOwnChecked(next);', 'onChange?.(next);'], ['checked', 'isChecked', 'onChange']),
    ],
    render: control,
    disabledOn: 'controls',
    tests: [
      {
        name: `is a ${role} named by its label that toggles on click`,
        body: [
          'const { props, user } = await setup();',
          `const control = screen.getByRole(${literal(role)}, { name: ${literal(label)} });`,
          isSwitch ? "expect(control.getAttribute('aria-checked')).toBe('false');" : 'expect((control as HTMLInputElement).checked).toBe(false);',
          'await user.click(control);',
          isSwitch ? "expect(control.getAttribute('aria-checked')).toBe('true');" : 'expect((control as HTMLInputElement).checked).toBe(true);',
          'expect(props.onChange).toHaveBeenCalledWith(true);',
        ],
      },
      {
        name: 'toggles with Space after Tab',
        body: ['const { props, user } = await setup();', 'await user.tab();', "await user.keyboard(' ');", 'expect(props.onChange).toHaveBeenCalledWith(true);', "await user.keyboard(' ');", 'expect(props.onChange).toHaveBeenLastCalledWith(false);'],
      },
      {
        name: 'follows the parent when controlled',
        body: ['const { props, user } = await setup({ checked: true });', `const control = screen.getByRole(${literal(role)}, { name: ${literal(label)} });`, 'await user.click(control);', 'expect(props.onChange).toHaveBeenCalledWith(false);', isSwitch ? "expect(control.getAttribute('aria-checked')).toBe('true');" : 'expect((control as HTMLInputElement).checked).toBe(true);'],
      },
      ...(hasDisabled
        ? [{ name: 'cannot be toggled when disabled', body: ['const { props, user } = await setup({ disabled: true });', `await user.click(screen.getByRole(${literal(role)}, { name: ${literal(label)} }));`, 'expect(props.onChange).not.toHaveBeenCalled();'] }]
        : []),
    ],
    play: [`const control = canvas.getByRole(${literal(role)}, { name: ${literal(label)} });`, 'await userEvent.click(control);', 'await expect(args.onChange).toHaveBeenCalledWith(true);'],
    stories: [{ name: 'On', args: '{ defaultChecked: true }' }],
    notes: {
      design: [isSwitch ? 'track in the accent token when on, border-strong when off; the thumb slides with the fast duration token' : 'native checkbox tinted with the accent token, label beside it'],
      logic: [`${isSwitch ? 'role="switch" with aria-checked' : 'a native checkbox'}; controlled (checked) or uncontrolled (defaultChecked); Space toggles`],
      performance: context.performance.memo ? ['the toggle handler is stable (useCallback)'] : [],
    },
  });
}

export function buildCheckbox(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  return buildToggle(plan, variation, context, false);
}
