// Breadcrumb (WAI-ARIA APG "Breadcrumb"): a nav labelled "Breadcrumb" holding an ordered list of
// links, the last marked aria-current="page", separators hidden from assistive technology. Long
// trails collapse their middle into a button that shows every level.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler, type TKitItems } from '../component-kit';
import { planItemLabels, slug } from '../item-labels';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

export function buildBreadcrumb(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const labels = planItemLabels(plan, ['Home', 'Projects', 'LumenForge', 'Settings'], 8);
  let path = '';
  const trail = labels.map((label, index) => {
    if (index > 0) path += `/${slug(label)}`;
    return { label, href: index === 0 ? '/' : path };
  });
  const long = [...trail.slice(0, -1), { label: 'Members', href: `${path}/members` }, { label: 'Roles', href: `${path}/members/roles` }];
  const current = trail[trail.length - 1] as { label: string; href: string };
  const [first] = trail as [{ label: string; href: string }];
  const itemType = `${plan.name}Item`;
  const separator = variation === 1 ? '›' : '/';
  const maxVisible = style.density.isCompact ? 3 : 4;
  /** List items on first render: the whole trail, or first + "…" + the last levels when collapsed. */
  const shownCount = Math.min(trail.length, maxVisible);
  const toSource = (items: typeof trail) => `[${items.map((item) => `{ label: ${literal(item.label)}, href: ${literal(item.href)} }`).join(', ')}]`;
  // An async plan loads its trail: tests and stories pass a loader instead of the items.
  const itemsArg = (items: typeof trail) => (plan.data.source === 'async' ? `loadItems: async () => ${toSource(items)}` : `items: ${toSource(items)}`);
  const kitItems: TKitItems = {
    prop: 'items',
    typeName: itemType,
    typeSource: `export type ${itemType} = { label: string; href: string };`,
    sample: toSource(trail),
    firstText: first.label,
    noun: 'levels',
  };
  const linkClass = `rounded-sm text-fg-muted underline-offset-4 hover:text-fg hover:underline focus-visible:outline-2 focus-visible:outline-focus`;
  const render = `<nav aria-label="Breadcrumb">
  <ol className="flex flex-wrap items-center gap-2 ${style.density.isCompact ? 'text-xs' : 'text-sm'}">
    {shown.map((item, index) => (
      <li key={item ? item.href : 'collapsed'} className="flex items-center gap-2">
        {index > 0 ? (
          <span aria-hidden="true" className="text-fg-subtle">
            ${separator}
          </span>
        ) : null}
        {item === null ? (
          <button
            type="button"
            aria-label={\`Show \${hiddenCount} more levels\`}
            onClick={() => setIsExpanded(true)}
            className="${style.ghostButton} px-1"
          >
            …
          </button>
        ) : item.href === currentItem?.href ? (
          <a href={item.href} aria-current="page" className="font-medium text-fg">
            {item.label}
          </a>
        ) : (
          <a href={item.href} onClick={(event) => handleNavigate(event, item.href)} className="${linkClass}">
            {item.label}
          </a>
        )}
      </li>
    ))}
  </ol>
</nav>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'maxVisible', type: 'number', description: 'Levels shown before the middle collapses (at least 3).', defaultValue: String(maxVisible) },
      { name: 'onNavigate', type: '(href: string) => void', description: 'Handles navigation (client routing); links navigate normally without it.', sample: FN },
    ],
    body: [
      'const [isExpanded, setIsExpanded] = useState(false);',
      'const currentItem = items[items.length - 1];',
      'const visibleCount = Math.max(3, maxVisible);',
      'const isCollapsed = !isExpanded && items.length > visibleCount;',
      'const hiddenCount = items.length - (visibleCount - 1);',
      `const shown: Array<${itemType} | null> = isCollapsed`,
      '  ? [...items.slice(0, 1), null, ...items.slice(items.length - (visibleCount - 2))]',
      '  : items;',
      '',
      ...handler(
        context,
        'handleNavigate',
        'event: { preventDefault: () => void }, href: string',
        ['if (!onNavigate) return;', 'event.preventDefault();', 'onNavigate(href);'],
        ['onNavigate'],
      ),
    ],
    render,
    disabledOn: 'root',
    tests: [
      {
        name: 'is a navigation landmark whose last level is the current page',
        body: [
          'await setup();',
          "const nav = screen.getByRole('navigation', { name: 'Breadcrumb' });",
          `expect(within(nav).getAllByRole('listitem')).toHaveLength(${shownCount});`,
          `expect(screen.getByRole('link', { name: ${literal(current.label)} }).getAttribute('aria-current')).toBe('page');`,
          `expect(screen.getByRole('link', { name: ${literal(first.label)} }).getAttribute('aria-current')).toBeNull();`,
          "nav.querySelectorAll('li > span').forEach((separator) => expect(separator.getAttribute('aria-hidden')).toBe('true'));",
        ],
      },
      {
        name: 'hands navigation to onNavigate, from the keyboard too',
        body: [
          'const { user, props } = await setup();',
          'await user.tab();',
          `expect(document.activeElement).toBe(screen.getByRole('link', { name: ${literal(first.label)} }));`,
          "await user.keyboard('{Enter}');",
          `expect(props.onNavigate).toHaveBeenCalledWith(${literal(first.href)});`,
        ],
      },
      {
        name: 'collapses a long trail and expands it on request',
        body: [
          `const { user } = await setup({ ${itemsArg(long)}, maxVisible: 3 });`,
          `expect(screen.queryByRole('link', { name: ${literal((long[1] ?? first).label)} })).toBeNull();`,
          `await user.click(screen.getByRole('button', { name: 'Show ${long.length - 2} more levels' }));`,
          `expect(screen.getByRole('link', { name: ${literal((long[1] ?? first).label)} })).toBeTruthy();`,
          `expect(screen.getAllByRole('listitem')).toHaveLength(${long.length});`,
        ],
      },
    ],
    play: [
      "await expect(canvas.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible();",
      `await userEvent.click(canvas.getByRole('link', { name: ${literal(first.label)} }));`,
      `await expect(args.onNavigate).toHaveBeenCalledWith(${literal(first.href)});`,
    ],
    stories: [{ name: 'LongTrail', args: `{ ${itemsArg(long)}, maxVisible: 3 }` }],
    notes: {
      design: [`"${separator}" separators, the current page in the foreground colour, ${style.density.isCompact ? 'extra small' : 'small'} text`],
      logic: [
        'nav labelled "Breadcrumb" > ol of links; the last has aria-current="page"; separators aria-hidden',
        'the middle of a trail longer than maxVisible collapses into a "Show n more levels" button',
      ],
      performance: ['collapsing keeps long trails to a few DOM nodes'],
    },
  });
}
