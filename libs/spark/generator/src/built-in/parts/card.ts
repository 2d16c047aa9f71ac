// Card: an article with a heading, body text, an optional badge and an optional action; the
// heading names the article for assistive tech.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { humanise, literal, sentence } from '../part-kit';

export function buildCard(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const title = sentence(humanise(plan.name).replace(/\s*card$/, '') || 'Overview');
  const description = plan.match === 'closest' ? 'A card with a heading, text and an action.' : `Everything about ${title.toLowerCase()} at a glance.`;
  const isDanger = /danger|delete|destroy|remove/.test(humanise(plan.name));
  const actionLabel = isDanger ? 'Delete' : 'Open';
  const isHorizontal = variation === 2;
  return buildComponentFiles({
    plan,
    context,
    props: [
      { name: 'title', type: 'string', optional: false, description: 'The heading.', sample: literal(title) },
      { name: 'description', type: 'string', description: 'The body text.', sample: literal(description) },
      { name: 'badge', type: 'string', description: 'A short status shown beside the heading.' },
      { name: 'actionLabel', type: 'string', description: 'The text of the action button; no button without it.', sample: literal(actionLabel) },
      { name: 'onAction', type: '() => void', description: 'Called when the action is pressed.', sample: FN },
    ],
    body: ['const headingId = useId();'],
    render: [
      `<article aria-labelledby={headingId} className=${JSON.stringify(`${style.panel} ${style.density.body} flex ${isHorizontal ? 'flex-col sm:flex-row sm:items-center sm:justify-between' : 'flex-col'} ${style.density.gap}${isDanger ? ' border-danger-text' : ''}`)}>`,
      `  <div className=${JSON.stringify(`flex flex-col ${style.density.isCompact ? 'gap-1' : 'gap-2'}`)}>`,
      `    <div className=${JSON.stringify('flex items-center gap-2')}>`,
      `      <h3 id={headingId} className=${JSON.stringify(style.heading)}>{title}</h3>`,
      `      {badge ? <span className=${JSON.stringify(`rounded-full px-2 py-0.5 text-xs font-medium ${style.tones.accent}`)}>{badge}</span> : null}`,
      '    </div>',
      `    {description ? <p className=${JSON.stringify(style.muted)}>{description}</p> : null}`,
      '  </div>',
      '  {actionLabel ? (',
      `    <button type="button" onClick={onAction}${plan.states.includes('disabled') ? ' disabled={disabled}' : ''} className=${JSON.stringify(`self-start inline-flex items-center font-medium ${style.control} ${isDanger ? style.dangerButton : style.secondaryButton}`)}>`,
      '      {actionLabel}',
      '    </button>',
      '  ) : null}',
      '</article>',
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'is an article named by its heading',
        body: ['await setup();', `expect(screen.getByRole('article', { name: ${literal(title)} })).toBeTruthy();`, `expect(screen.getByRole('heading', { name: ${literal(title)} })).toBeTruthy();`, `expect(screen.getByText(${literal(description)})).toBeTruthy();`],
      },
      {
        name: 'runs its action from the keyboard',
        body: ['const { props, user } = await setup();', 'await user.tab();', `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(actionLabel)} }));`, "await user.keyboard('{Enter}');", 'expect(props.onAction).toHaveBeenCalledTimes(1);'],
      },
      {
        name: 'shows a badge and leaves the action out without a label',
        body: ["await setup({ badge: 'New', actionLabel: undefined });", "expect(screen.getByText('New')).toBeTruthy();", "expect(screen.queryByRole('button')).toBeNull();"],
      },
    ],
    play: [`await userEvent.click(canvas.getByRole('button', { name: ${literal(actionLabel)} }));`, 'await expect(args.onAction).toHaveBeenCalledTimes(1);'],
    stories: [{ name: 'WithBadge', args: "{ badge: 'New' }" }],
    notes: {
      design: [isHorizontal ? 'text and action side by side from the small breakpoint' : 'heading, text and action stacked', ...(isDanger ? ['danger border and button for a destructive action'] : [])],
      logic: ['article labelled by its heading; optional badge; the action only when it has a label'],
    },
  });
}
