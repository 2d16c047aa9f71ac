// Stat: a labelled figure with an optional change, its direction in words for screen readers and
// in the success/danger tokens for the eye.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { humanise, literal, sentence } from '../part-kit';

export function buildStat(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const subject = humanise(plan.name).replace(/\s*(stat|stats|kpi|metric|card)\b/g, '').trim();
  const label = sentence(subject || 'Monthly revenue');
  const figure = variation === 1 ? 'text-4xl font-bold text-fg' : style.density.isCompact ? 'text-2xl font-semibold text-fg' : 'text-3xl font-semibold text-fg';
  return buildComponentFiles({
    plan,
    context,
    declarations: [`const TREND = {\n  up: { word: 'up', className: ${literal(style.tones.success)} },\n  down: { word: 'down', className: ${literal(style.tones.danger)} },\n  flat: { word: 'unchanged', className: ${literal(style.tones.neutral)} },\n} as const;`],
    props: [
      { name: 'label', type: 'string', optional: false, description: 'What the figure measures.', sample: literal(label) },
      { name: 'value', type: 'string', optional: false, description: 'The figure, formatted.', sample: literal('12,480') },
      { name: 'change', type: 'string', description: 'How much it changed ("12%").', sample: literal('12%') },
      { name: 'trend', type: "'up' | 'down' | 'flat'", description: 'The direction of the change.', defaultValue: "'up'" },
      { name: 'period', type: 'string', description: 'Compared with when.', defaultValue: literal('vs last month') },
    ],
    body: ['const labelId = useId();'],
    render: [
      `<section aria-labelledby={labelId} className=${JSON.stringify(`${style.panel} ${style.density.body} flex flex-col ${style.density.isCompact ? 'gap-1' : 'gap-2'}`)}>`,
      `  <h3 id={labelId} className=${JSON.stringify(style.muted)}>{label}</h3>`,
      `  <p className=${JSON.stringify(figure)}>{value}</p>`,
      '  {change ? (',
      `    <p className=${JSON.stringify('flex items-center gap-2 text-sm')}>`,
      `      <span className={\`rounded-full px-2 py-0.5 font-medium \${TREND[trend].className}\`}>`,
      "        <span aria-hidden=\"true\">{trend === 'up' ? '↑' : trend === 'down' ? '↓' : '→'} </span>",
      '        <span className="sr-only">{TREND[trend].word} </span>',
      '        {change}',
      '      </span>',
      `      <span className=${JSON.stringify('text-fg-muted')}>{period}</span>`,
      '    </p>',
      '  ) : null}',
      '</section>',
    ].join('\n'),
    disabledOn: 'root',
    tests: [
      { name: 'is a region named by its label showing the figure', body: ['await setup();', `const region = screen.getByRole('region', { name: ${literal(label)} });`, "expect(region.textContent).toContain('12,480');"] },
      { name: 'says the direction of the change in words', body: ["await setup({ trend: 'down', change: '3%' });", "expect(screen.getByText('down')).toBeTruthy();", "expect(screen.getByText(/3%/)).toBeTruthy();"] },
      { name: 'leaves the change out when there is none', body: ['await setup({ change: undefined });', "expect(screen.queryByText('vs last month')).toBeNull();"] },
    ],
    play: [`await expect(canvas.getByRole('region', { name: ${literal(label)} })).toHaveTextContent('12,480');`],
    stories: [{ name: 'Falling', args: "{ trend: 'down', change: '3%' }" }],
    notes: {
      design: [variation === 1 ? 'a large bold figure' : 'a figure sized for dashboards', 'change in the success or danger tokens with an arrow'],
      logic: ['section labelled by its label; the direction said in words for screen readers'],
    },
  });
}
