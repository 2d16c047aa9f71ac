// Badge: a short label in a tone (neutral, accent, success, warning, danger). Not interactive, so it
// takes no focus; a status badge that changes can be announced with `live`.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';
import { plannedDefault, promptLabel } from '../plan-text';

const TONE_NAMES = ['neutral', 'accent', 'success', 'warning', 'danger'] as const;

export function buildBadge(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const label = promptLabel(plan, 'New');
  const tone = plannedDefault(plan, 'tone', TONE_NAMES, variation === 1 ? 'accent' : 'neutral');
  const shape = variation === 2 ? 'rounded-md' : 'rounded-full';
  const size = style.density.isCompact ? 'px-1.5 py-0.5 text-xs' : 'px-2.5 py-0.5 text-sm';
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      `const TONE_CLASSES: Record<${TONE_NAMES.map(literal).join(' | ')}, string> = {\n${TONE_NAMES.map((name) => `  ${name}: ${literal(`inline-flex items-center font-medium ${shape} ${size} ${style.tones[name]}`)},`).join('\n')}\n};`,
    ],
    props: [
      { name: 'label', type: 'string', optional: false, description: 'The text of the badge.', sample: literal(label) },
      { name: 'tone', type: TONE_NAMES.map(literal).join(' | '), description: 'Its colour, from the status tokens.', defaultValue: literal(tone) },
      { name: 'live', type: 'boolean', description: 'Announce changes to screen readers (role="status").', defaultValue: 'false' },
    ],
    render: `<span className={TONE_CLASSES[tone]} role={live ? 'status' : undefined}>\n  {label}\n</span>`,
    disabledOn: 'root',
    tests: [
      {
        name: 'shows its label and takes no focus',
        body: [
          'const { user } = await setup();',
          `expect(screen.getByText(${literal(label)})).toBeTruthy();`,
          'await user.tab();',
          'expect(document.activeElement).toBe(document.body);',
        ],
      },
      {
        name: 'changes colour with its tone and can announce itself',
        body: [
          `await setup({ tone: 'danger', live: true, label: 'Failed' });`,
          "const badge = screen.getByRole('status');",
          "expect(badge.textContent).toBe('Failed');",
          `expect(badge.className).toContain(${literal(style.tones.danger.split(' ')[0] ?? '')});`,
        ],
      },
    ],
    play: [`await expect(canvas.getByText(${literal(label)})).toBeInTheDocument();`],
    stories: TONE_NAMES.filter((name) => name !== tone).map((name) => ({ name: name.charAt(0).toUpperCase() + name.slice(1), args: `{ tone: ${literal(name)} }` })),
    notes: {
      design: [`${tone} tone by default, ${shape === 'rounded-full' ? 'pill' : 'squared'} shape; tones from the status surface/text tokens`],
      logic: ['not focusable; `live` turns it into a status region for changing values'],
    },
  });
}
