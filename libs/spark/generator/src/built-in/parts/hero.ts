// Hero: a section labelled by its h1 headline, a subheading and two calls to action (primary and
// secondary); variations are centred, split with a decorative panel, or a bordered band.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

function heroText(plan: TComponentPlan) {
  const text = `${plan.name} ${plan.summary}`;
  if (/launch|new product|announc/i.test(text))
    return { eyebrow: 'New', headline: 'Meet the next generation of LumenForge', subheading: 'Design tokens, components and previews in one place, live for the whole team.', primary: 'Get started', secondary: 'Watch the demo' };
  return { eyebrow: 'Design systems', headline: 'Build interfaces your team can trust', subheading: 'Every component generated, tested and styled with your own tokens.', primary: 'Start for free', secondary: 'Talk to sales' };
}

export function buildHero(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const copy = heroText(plan);
  const layout = (['centred', 'split', 'band'] as const)[variation % 3] ?? 'centred';
  const isCompact = style.density.isCompact;
  const padding = isCompact ? 'px-4 py-10' : 'px-6 py-20';
  const headlineSize = isCompact ? 'text-3xl' : 'text-5xl';
  const disabled = plan.states.includes('disabled') ? ' disabled={disabled}' : '';
  const copyBlock = `<div className="flex flex-col ${layout === 'centred' ? 'items-center text-center' : 'items-start'} gap-6">
  {eyebrow ? <p className="text-sm font-semibold text-accent-text">{eyebrow}</p> : null}
  <h1 id={headingId} className="${headlineSize} font-bold text-fg">
    {headline}
  </h1>
  <p className="max-w-2xl text-lg text-fg-muted">{subheading}</p>
  <div className="flex flex-wrap gap-4">
    <button type="button" onClick={onPrimaryAction}${disabled} className="${style.primaryButton} px-6 py-3 text-base font-semibold">
      {primaryLabel}
    </button>
    <button type="button" onClick={onSecondaryAction}${disabled} className="${style.secondaryButton} px-6 py-3 text-base font-semibold">
      {secondaryLabel}
    </button>
  </div>
</div>`;
  const indented = copyBlock.replace(/\n/g, '\n    ');
  const render =
    layout === 'split'
      ? `<section aria-labelledby={headingId} className="grid items-center gap-12 ${padding} md:grid-cols-2">
  ${copyBlock.replace(/\n/g, '\n  ')}
  <div aria-hidden="true" className="hidden h-80 rounded-2xl bg-accent-surface md:block" />
</section>`
      : `<section aria-labelledby={headingId} className="${layout === 'band' ? `${style.panel} ` : ''}${padding}">
  <div className="mx-auto flex max-w-4xl flex-col">
    ${indented}
  </div>
</section>`;
  return buildComponentFiles({
    plan,
    context,
    props: [
      { name: 'eyebrow', type: 'string', description: 'A short line above the headline.', defaultValue: literal(copy.eyebrow) },
      { name: 'headline', type: 'string', description: 'The h1; it names the section.', defaultValue: literal(copy.headline) },
      { name: 'subheading', type: 'string', description: 'One or two sentences under the headline.', defaultValue: literal(copy.subheading) },
      { name: 'primaryLabel', type: 'string', description: 'The main call to action.', defaultValue: literal(copy.primary) },
      { name: 'secondaryLabel', type: 'string', description: 'The second call to action.', defaultValue: literal(copy.secondary) },
      { name: 'onPrimaryAction', type: '() => void', description: 'Called by the main call to action.', sample: FN },
      { name: 'onSecondaryAction', type: '() => void', description: 'Called by the second call to action.', sample: FN },
    ],
    body: ['const headingId = useId();'],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'is a region named by its h1 headline',
        body: [
          'await setup();',
          `expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(${literal(copy.headline)});`,
          `expect(screen.getByRole('region', { name: ${literal(copy.headline)} })).toBeTruthy();`,
          `expect(screen.getByText(${literal(copy.subheading)})).toBeTruthy();`,
        ],
      },
      {
        name: 'calls its actions, from the keyboard too',
        body: [
          'const { user, props } = await setup();',
          'await user.tab();',
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(copy.primary)} }));`,
          "await user.keyboard('{Enter}');",
          'expect(props.onPrimaryAction).toHaveBeenCalled();',
          `await user.click(screen.getByRole('button', { name: ${literal(copy.secondary)} }));`,
          'expect(props.onSecondaryAction).toHaveBeenCalled();',
        ],
      },
    ],
    play: [
      `await expect(canvas.getByRole('heading', { level: 1, name: ${literal(copy.headline)} })).toBeVisible();`,
      `await userEvent.click(canvas.getByRole('button', { name: ${literal(copy.primary)} }));`,
      'await expect(args.onPrimaryAction).toHaveBeenCalled();',
    ],
    notes: {
      design: [`${layout} layout, ${headlineSize} bold headline, two calls to action`],
      logic: ['section labelled by its h1; both calls to action are buttons with handlers'],
      performance: ['static markup; the decorative panel is CSS only'],
    },
  });
}
