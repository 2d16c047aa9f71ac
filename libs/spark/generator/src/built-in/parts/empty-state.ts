// Empty state: a heading, a sentence on what to do next and an optional action, centred in a
// dashed or quiet box; an illustration-free icon keeps it token-only.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { humanise, literal, sentence } from '../part-kit';

export function buildEmptyState(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const subject = humanise(plan.name).replace(/\s*(empty|state|no results)\b/g, '').trim() || 'projects';
  const title = `No ${subject} yet`;
  const description = `Create the first one to get started.`;
  const actionLabel = `Create ${subject.replace(/s$/, '')}`;
  const box = variation === 0 ? `rounded-lg border border-dashed border-border-strong` : variation === 1 ? style.panel : 'rounded-md bg-surface-sunken';
  return buildComponentFiles({
    plan,
    context,
    props: [
      { name: 'title', type: 'string', optional: false, description: 'What is missing.', sample: literal(sentence(title)) },
      { name: 'description', type: 'string', description: 'What to do next.', sample: literal(description) },
      { name: 'actionLabel', type: 'string', description: 'The text of the action; no button without it.', sample: literal(sentence(actionLabel)) },
      { name: 'onAction', type: '() => void', description: 'Called when the action is pressed.', sample: FN },
    ],
    body: ['const headingId = useId();'],
    render: [
      `<section aria-labelledby={headingId} className=${JSON.stringify(`${box} ${style.density.isCompact ? 'p-6' : 'p-12'} flex flex-col items-center text-center ${style.density.gap}`)}>`,
      `  <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.5} className=${JSON.stringify('size-10 text-fg-subtle')}>`,
      '    <path d="M3 7l9-4 9 4-9 4-9-4zM3 7v10l9 4 9-4V7" />',
      '  </svg>',
      `  <h2 id={headingId} className=${JSON.stringify(style.heading)}>{title}</h2>`,
      `  {description ? <p className=${JSON.stringify(`max-w-sm ${style.muted}`)}>{description}</p> : null}`,
      '  {actionLabel ? (',
      `    <button type="button" onClick={onAction}${plan.states.includes('disabled') ? ' disabled={disabled}' : ''} className=${JSON.stringify(`inline-flex items-center font-medium ${style.control} ${style.primaryButton}`)}>`,
      '      {actionLabel}',
      '    </button>',
      '  ) : null}',
      '</section>',
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      { name: 'is a region named by its heading', body: ['await setup();', `expect(screen.getByRole('region', { name: ${literal(sentence(title))} })).toBeTruthy();`, `expect(screen.getByText(${literal(description)})).toBeTruthy();`] },
      { name: 'runs its action from the keyboard', body: ['const { props, user } = await setup();', 'await user.tab();', "await user.keyboard('{Enter}');", 'expect(props.onAction).toHaveBeenCalledTimes(1);'] },
      { name: 'has no button without an action label', body: ['await setup({ actionLabel: undefined });', "expect(screen.queryByRole('button')).toBeNull();"] },
    ],
    play: [`await userEvent.click(canvas.getByRole('button', { name: ${literal(sentence(actionLabel))} }));`, 'await expect(args.onAction).toHaveBeenCalledTimes(1);'],
    stories: [{ name: 'WithoutAction', args: '{ actionLabel: undefined }' }],
    notes: {
      design: [variation === 0 ? 'dashed border box' : variation === 1 ? 'on the panel surface' : 'on the sunken surface', 'centred icon, heading, sentence and action'],
      logic: ['section labelled by its heading; the action only when it has a label'],
    },
  });
}
