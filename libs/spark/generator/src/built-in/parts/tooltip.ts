// Tooltip (WAI-ARIA APG "tooltip"): shown while its trigger is hovered or focused, hidden on
// Escape, blur or leave; the trigger is described by it (aria-describedby) while it shows.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

export function buildTooltip(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const text = 'Copies the link to your clipboard';
  const trigger = 'Share';
  const bubble = variation === 1 ? 'bg-fg text-bg shadow-md' : variation === 2 ? 'bg-surface-raised text-fg shadow-sm border border-border' : 'bg-fg text-bg';
  const below = variation === 2;
  return buildComponentFiles({
    plan,
    context,
    props: [
      { name: 'label', type: 'string', optional: false, description: 'The text of the tooltip.', sample: literal(text) },
      { name: 'triggerLabel', type: 'string', optional: false, description: 'The text of the button it explains.', sample: literal(trigger) },
      { name: 'onTriggerClick', type: '() => void', description: 'Called when the trigger is pressed.' },
    ],
    body: ['const id = useId();', 'const [isOpen, setIsOpen] = useState(false);'],
    render: [
      `<span className="relative inline-flex" onMouseEnter={() => setIsOpen(true)} onMouseLeave={() => setIsOpen(false)}>`,
      '  <button',
      '    type="button"',
      '    aria-describedby={isOpen ? id : undefined}',
      '    onFocus={() => setIsOpen(true)}',
      '    onBlur={() => setIsOpen(false)}',
      "    onKeyDown={(event) => {",
      "      if (event.key === 'Escape') setIsOpen(false);",
      '    }}',
      '    onClick={onTriggerClick}',
      ...(plan.states.includes('disabled') ? ['    disabled={disabled}'] : []),
      `    className=${JSON.stringify(`inline-flex items-center font-medium ${style.control} ${style.secondaryButton}`)}`,
      '  >',
      '    {triggerLabel}',
      '  </button>',
      '  {isOpen ? (',
      `    <span role="tooltip" id={id} className=${JSON.stringify(`absolute left-1/2 z-10 -translate-x-1/2 ${below ? 'top-full mt-2' : 'bottom-full mb-2'} w-max max-w-xs rounded-md px-2 py-1 text-xs ${bubble}`)}>`,
      '      {label}',
      '    </span>',
      '  ) : null}',
      '</span>',
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'shows on focus, describes its trigger and hides on Escape',
        body: [
          'const { user } = await setup();',
          "expect(screen.queryByRole('tooltip')).toBeNull();",
          'await user.tab();',
          `const tooltip = screen.getByRole('tooltip');`,
          `expect(tooltip.textContent).toBe(${literal(text)});`,
          `expect(screen.getByRole('button', { name: ${literal(trigger)} }).getAttribute('aria-describedby')).toBe(tooltip.id);`,
          "await user.keyboard('{Escape}');",
          "expect(screen.queryByRole('tooltip')).toBeNull();",
        ],
      },
      {
        name: 'shows while hovered',
        body: ['const { user } = await setup();', `await user.hover(screen.getByRole('button', { name: ${literal(trigger)} }));`, "expect(screen.getByRole('tooltip')).toBeTruthy();", `await user.unhover(screen.getByRole('button', { name: ${literal(trigger)} }));`, "expect(screen.queryByRole('tooltip')).toBeNull();"],
      },
    ],
    play: [`await userEvent.hover(canvas.getByRole('button', { name: ${literal(trigger)} }));`, `await expect(await canvas.findByRole('tooltip')).toHaveTextContent(${literal(text)});`],
    notes: {
      design: [`${below ? 'below' : 'above'} its trigger, ${variation === 2 ? 'on the raised surface' : 'inverted (fg on bg)'}; small type`],
      logic: ['shown on hover and focus, hidden on Escape, blur and leave; aria-describedby while shown'],
    },
  });
}
