// Timeline: an ordered list of events, each with a <time dateTime> and a title, newest or oldest
// first; long histories show the first few and a "Show n more" button (aria-expanded).
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, planLabel, type TKitItems } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

function sampleEvents(plan: TComponentPlan) {
  const text = `${plan.name} ${plan.summary}`;
  const titles = /deliver|package|ship|order/i.test(text)
    ? ['Order placed', 'Packed at the warehouse', 'Handed to the courier', 'Out for delivery', 'Delivered']
    : ['Repository created', 'First commit pushed', 'Pull request opened', 'Pull request merged', 'Release published'];
  return titles.map((title, index) => ({
    id: `event-${index + 1}`,
    title,
    description: `${title} by the team.`,
    time: `2026-01-${String(index * 3 + 2).padStart(2, '0')}T09:30:00Z`,
  }));
}

export function buildTimeline(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const events = sampleEvents(plan);
  const newestFirst = /newest|latest|recent|history|activity|feed/i.test(`${plan.name} ${plan.summary}`);
  const itemType = `${plan.name}Event`;
  const initialVisible = context.performance.virtualise ? 20 : 3;
  const [oldest, newest] = [events[0], events[events.length - 1]] as [(typeof events)[0], (typeof events)[0]];
  const kitItems: TKitItems = {
    prop: 'events',
    typeName: itemType,
    typeSource: `export type ${itemType} = { id: string; title: string; description: string; /** ISO 8601 */ time: string };`,
    sample: `[${events.map((event) => `{ id: ${literal(event.id)}, title: ${literal(event.title)}, description: ${literal(event.description)}, time: ${literal(event.time)} }`).join(', ')}]`,
    firstText: (newestFirst ? newest : oldest).title,
    noun: 'events',
  };
  const dot = variation === 1 ? 'bg-accent' : 'border-2 border-accent bg-surface';
  const render = `<div className="flex flex-col ${style.density.gap}">
  <ol aria-label={label} className="relative flex flex-col ${style.density.gap} border-l border-border pl-6">
    {visible.map((event) => (
      <li key={event.id} className="relative flex flex-col gap-1">
        <span aria-hidden="true" className="absolute top-1 -left-8 size-4 rounded-full ${dot}" />
        <time dateTime={event.time} className="text-xs text-fg-muted">
          {DATE_FORMAT.format(new Date(event.time))}
        </time>
        <h3 className="${style.density.isCompact ? 'text-sm' : 'text-base'} font-semibold text-fg">{event.title}</h3>
        <p className="${style.muted}">{event.description}</p>
      </li>
    ))}
  </ol>
  {hiddenCount > 0 || isExpanded ? (
    <button
      type="button"
      aria-expanded={isExpanded}
      onClick={() => setIsExpanded((expanded) => !expanded)}
      className="self-start ${style.ghostButton} ${style.control}"
    >
      {isExpanded ? 'Show fewer' : \`Show \${hiddenCount} more\`}
    </button>
  ) : null}
</div>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    declarations: [
      "const DATE_FORMAT = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });",
    ],
    props: [
      { name: 'label', type: 'string', description: 'What the timeline shows (the list’s accessible name).', defaultValue: literal(planLabel(plan)) },
      { name: 'order', type: "'newest-first' | 'oldest-first'", description: 'Which end comes first.', defaultValue: literal(newestFirst ? 'newest-first' : 'oldest-first') },
      { name: 'initialVisible', type: 'number', description: 'Events shown before "Show more".', defaultValue: String(initialVisible) },
    ],
    body: [
      'const [isExpanded, setIsExpanded] = useState(false);',
      'const sorted = useMemo(() => {',
      '  const byTime = [...events].sort((a, b) => a.time.localeCompare(b.time));',
      "  return order === 'newest-first' ? byTime.reverse() : byTime;",
      '}, [events, order]);',
      'const visible = isExpanded ? sorted : sorted.slice(0, initialVisible);',
      'const hiddenCount = sorted.length - visible.length;',
    ],
    render,
    disabledOn: 'root',
    tests: [
      {
        name: 'lists events in order with machine-readable times',
        body: [
          "await setup({ order: 'oldest-first', initialVisible: 10 });",
          "const items = screen.getAllByRole('listitem');",
          `expect(items).toHaveLength(${events.length});`,
          `expect(items[0]?.textContent).toContain(${literal(oldest.title)});`,
          `expect(items[0]?.querySelector('time')?.getAttribute('dateTime')).toBe(${literal(oldest.time)});`,
        ],
      },
      {
        name: 'puts the newest first when asked',
        body: [
          "await setup({ order: 'newest-first', initialVisible: 10 });",
          `expect(screen.getAllByRole('listitem')[0]?.textContent).toContain(${literal(newest.title)});`,
        ],
      },
      {
        name: 'shows the rest on request, from the keyboard',
        body: [
          'const { user } = await setup({ initialVisible: 2 });',
          "expect(screen.getAllByRole('listitem')).toHaveLength(2);",
          `const more = screen.getByRole('button', { name: 'Show ${events.length - 2} more' });`,
          "expect(more.getAttribute('aria-expanded')).toBe('false');",
          'more.focus();',
          "await user.keyboard('{Enter}');",
          `expect(screen.getAllByRole('listitem')).toHaveLength(${events.length});`,
          "expect(screen.getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).toBe('true');",
        ],
      },
    ],
    play: [
      `await expect(canvas.getAllByRole('listitem')).toHaveLength(${Math.min(initialVisible, events.length)});`,
      ...(events.length > initialVisible
        ? [
            `await userEvent.click(canvas.getByRole('button', { name: 'Show ${events.length - initialVisible} more' }));`,
            `await expect(canvas.getAllByRole('listitem')).toHaveLength(${events.length});`,
          ]
        : []),
    ],
    notes: {
      design: ['a rule down the left with a dot per event; dates small and muted above each title'],
      logic: [
        `ordered list labelled by its purpose; <time dateTime> per event; ${newestFirst ? 'newest' : 'oldest'} first by default`,
        'a "Show n more" button with aria-expanded for long histories',
      ],
      performance: [
        'sorting memoised on events and order; one shared Intl.DateTimeFormat',
        `only the first ${initialVisible} events render until expanded`,
      ],
    },
  });
}
