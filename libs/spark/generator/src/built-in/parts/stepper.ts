// Stepper: a labelled ordered list of steps, the current one aria-current="step" and finished ones
// saying "(completed)" to screen readers, a live "Step n of m" line, and Back / Next (Finish on the
// last step) buttons.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler, planLabel, textItems } from '../component-kit';
import { planItemLabels, slug } from '../item-labels';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

function defaultSteps(plan: TComponentPlan): string[] {
  const text = `${plan.name} ${plan.summary}`;
  if (/checkout|cart|payment/i.test(text)) return ['Cart', 'Shipping', 'Payment', 'Review'];
  if (/order|deliver|ship/i.test(text)) return ['Ordered', 'Packed', 'Shipped', 'Delivered'];
  if (/onboard|workspace|sign ?up/i.test(text)) return ['Account', 'Workspace', 'Invite team', 'Done'];
  return ['Details', 'Options', 'Review'];
}

export function buildStepper(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const labels = planItemLabels(plan, defaultSteps(plan));
  const steps = labels.map((label) => ({ id: slug(label), label }));
  const [first] = steps as [{ id: string; label: string }];
  const itemType = `${plan.name}Step`;
  const isVertical = variation === 2;
  const kitItems = textItems({ prop: 'steps', typeName: itemType, noun: 'steps', items: steps, textField: 'label' });
  const disabled = plan.states.includes('disabled') ? ' || disabled' : '';
  const render = `<div className="flex flex-col ${style.density.gap}">
  <ol aria-label={label} className="flex ${isVertical ? 'flex-col' : 'flex-wrap items-center'} ${style.density.gap}">
    {steps.map((step, index) => {
      const status = index < current ? 'complete' : index === current ? 'current' : 'upcoming';
      return (
        <li key={step.id} aria-current={status === 'current' ? 'step' : undefined} className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className={\`flex size-8 items-center justify-center rounded-full text-sm font-semibold \${STATUS_CLASSES[status]}\`}
          >
            {status === 'complete' ? '✓' : index + 1}
          </span>
          <span className={status === 'upcoming' ? 'text-sm text-fg-muted' : 'text-sm font-medium text-fg'}>
            {step.label}
            {status === 'complete' ? <span className="sr-only"> (completed)</span> : null}
          </span>
        </li>
      );
    })}
  </ol>
  <p aria-live="polite" className="${style.muted}">
    Step {current + 1} of {steps.length}: {steps[current]?.label}
  </p>
  <div className="flex justify-between gap-2">
    <button type="button" onClick={() => goTo(current - 1)} disabled={current === 0${disabled}} className="${style.secondaryButton} ${style.control}">
      Back
    </button>
    <button type="button" onClick={handleNext}${disabled ? ' disabled={disabled}' : ''} className="${style.primaryButton} ${style.control}">
      {current === steps.length - 1 ? finishLabel : 'Next'}
    </button>
  </div>
</div>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    declarations: [
      `const STATUS_CLASSES = {\n  complete: 'bg-accent text-accent-fg',\n  current: 'border-2 border-accent bg-surface text-accent-text',\n  upcoming: 'border border-border bg-surface text-fg-muted',\n} as const;`,
    ],
    props: [
      { name: 'label', type: 'string', description: 'What the steps are for (the list’s accessible name).', defaultValue: literal(planLabel(plan)) },
      { name: 'defaultStep', type: 'number', description: 'Index of the step shown first.', defaultValue: '0' },
      { name: 'finishLabel', type: 'string', description: 'The last step’s button.', defaultValue: "'Finish'" },
      { name: 'onStepChange', type: '(index: number) => void', description: 'Called with the index of the step moved to.', sample: FN },
      { name: 'onComplete', type: '() => void', description: 'Called by the last step’s button.', sample: FN },
    ],
    body: [
      'const [current, setCurrent] = useState(defaultStep);',
      '',
      ...handler(context, 'goTo', 'index: number', ['if (index < 0 || index >= steps.length) return;', 'setCurrent(index);', 'onStepChange?.(index);'], ['steps.length', 'onStepChange']),
      '',
      ...handler(context, 'handleNext', '', ['if (current === steps.length - 1) onComplete?.();', 'else goTo(current + 1);'], ['current', 'steps.length', 'onComplete', 'goTo']),
    ],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'marks the first step current and disables Back',
        body: [
          'await setup();',
          "const current = screen.getAllByRole('listitem').find((item) => item.getAttribute('aria-current') === 'step');",
          `expect(current?.textContent).toContain(${literal(first.label)});`,
          "expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(true);",
          `expect(screen.getByText(/Step 1 of ${steps.length}/)).toBeTruthy();`,
        ],
      },
      {
        name: 'moves forward and back, saying which steps are completed',
        body: [
          'const { user, props } = await setup();',
          "await user.click(screen.getByRole('button', { name: 'Next' }));",
          'expect(props.onStepChange).toHaveBeenLastCalledWith(1);',
          `expect(screen.getByText(/Step 2 of ${steps.length}/)).toBeTruthy();`,
          `expect(screen.getAllByRole('listitem')[0]?.textContent).toContain(${literal(`${first.label} (completed)`)});`,
          `expect(screen.getAllByRole('listitem')[1]?.getAttribute('aria-current')).toBe('step');`,
          "await user.click(screen.getByRole('button', { name: 'Back' }));",
          'expect(props.onStepChange).toHaveBeenLastCalledWith(0);',
        ],
      },
      {
        name: 'finishes on the last step, from the keyboard',
        body: [
          `const { user, props } = await setup({ defaultStep: ${steps.length - 1} });`,
          "const finish = screen.getByRole('button', { name: 'Finish' });",
          'finish.focus();',
          "await user.keyboard('{Enter}');",
          'expect(props.onComplete).toHaveBeenCalled();',
        ],
      },
    ],
    play: [
      "await userEvent.click(canvas.getByRole('button', { name: 'Next' }));",
      `await expect(canvas.getByText(/Step 2 of ${steps.length}/)).toBeVisible();`,
      'await expect(args.onStepChange).toHaveBeenCalledWith(1);',
    ],
    stories: [{ name: 'LastStep', args: `{ defaultStep: ${steps.length - 1} }` }],
    notes: {
      design: [`${isVertical ? 'vertical' : 'horizontal'} steps with numbered circles; completed steps filled with the accent`],
      logic: [
        'ordered list labelled by its purpose; aria-current="step" on the current step; "(completed)" for screen readers',
        'a polite live line "Step n of m"; Back disabled on the first step; Finish calls onComplete',
      ],
      performance: ['no effects; one number of state'],
    },
  });
}
