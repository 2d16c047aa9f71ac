// Sidebar: a labelled nav with titled sections of links (the current page aria-current, optional
// counts) and a collapse button (aria-expanded) that narrows it to initials while every link keeps
// its accessible name.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, planLabel, type TKitItems } from '../component-kit';
import { linkName, navHandler, NAV_LINK_ATTRIBUTES, navProps, navTests, type TNavLink } from '../nav-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

type TSection = { id: string; title: string; links: Array<TNavLink & { count: number | null }> };

const SECTIONS: TSection[] = [
  {
    id: 'workspace',
    title: 'Workspace',
    links: [
      { label: 'Dashboard', href: '/dashboard', count: null },
      { label: 'Projects', href: '/projects', count: 12 },
      { label: 'Components', href: '/components', count: 48 },
    ],
  },
  {
    id: 'admin',
    title: 'Administration',
    links: [
      { label: 'Members', href: '/members', count: 7 },
      { label: 'Billing', href: '/billing', count: null },
    ],
  },
];

export function buildSidebar(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const [workspace] = SECTIONS as [TSection];
  const [current, other] = workspace.links.map(({ label, href }) => ({ label, href })) as [TNavLink, TNavLink];
  const sectionType = `${plan.name}Section`;
  const label = planLabel(plan).replace(/ ?(navigation|nav)$/i, '') || 'Sidebar';
  const kitItems: TKitItems = {
    prop: 'sections',
    typeName: sectionType,
    typeSource: `export type ${sectionType} = {\n  id: string;\n  title: string;\n  links: Array<{ label: string; href: string; count: number | null }>;\n};`,
    sample: `[\n${SECTIONS.map((section) => `  { id: ${literal(section.id)}, title: ${literal(section.title)}, links: [${section.links.map((link) => `{ label: ${literal(link.label)}, href: ${literal(link.href)}, count: ${link.count ?? 'null'} }`).join(', ')}] },`).join('\n')}\n]`,
    firstText: current.label,
    noun: 'sections',
  };
  const surface = variation === 1 ? 'bg-surface-raised shadow-md' : variation === 2 ? 'bg-surface-sunken' : 'border-r border-border bg-surface';
  const render = `<nav aria-label={label} className={\`flex h-full flex-col gap-4 ${surface} ${style.density.isCompact ? 'p-2' : 'p-4'} \${isCollapsed ? 'w-16' : 'w-64'}\`}>
  <button
    type="button"
    aria-expanded={!isCollapsed}
    aria-controls={listId}
    onClick={() => setIsCollapsed((collapsed) => !collapsed)}
    className="self-end ${style.ghostButton} p-2"
  >
    <span className="sr-only">{isCollapsed ? 'Expand sidebar' : 'Collapse sidebar'}</span>
    <span aria-hidden="true">{isCollapsed ? '»' : '«'}</span>
  </button>
  <div id={listId} className="flex flex-col gap-4">
    {sections.map((section) => (
      <div key={section.id} className="flex flex-col gap-1">
        <h2 className={isCollapsed ? 'sr-only' : 'px-2 text-xs font-semibold text-fg-subtle uppercase'}>{section.title}</h2>
        <ul className="flex flex-col gap-1">
          {section.links.map((link) => (
            <li key={link.href}>
              <a
                ${NAV_LINK_ATTRIBUTES.replace(/\n/g, '\n                ')}
                className={\`flex items-center gap-2 rounded-md ${style.control} focus-visible:outline-2 focus-visible:outline-focus \${link.href === currentHref ? 'bg-accent-surface font-medium text-accent-text' : 'text-fg-muted hover:bg-surface-sunken hover:text-fg'}\`}
              >
                <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-sm bg-surface-sunken text-xs font-semibold">
                  {link.label.charAt(0)}
                </span>
                <span className={isCollapsed ? 'sr-only' : 'flex-1'}>{link.label}</span>
                {link.count !== null && !isCollapsed ? (
                  <span className="rounded-full bg-surface-sunken px-2 text-xs text-fg-muted">
                    <span className="sr-only">, </span>
                    {link.count}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </div>
    ))}
  </div>
</nav>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'label', type: 'string', description: 'The nav’s accessible name.', defaultValue: literal(label) },
      ...navProps(current.href),
      { name: 'defaultCollapsed', type: 'boolean', description: 'Start collapsed to initials.', defaultValue: 'false' },
    ],
    body: ['const [isCollapsed, setIsCollapsed] = useState(defaultCollapsed);', 'const listId = useId();', '', ...navHandler(context)],
    render,
    disabledOn: 'root',
    tests: [
      ...navTests(label, current, other),
      {
        name: 'collapses to initials and keeps every link named',
        body: [
          'const { user } = await setup();',
          "const toggle = screen.getByRole('button', { name: 'Collapse sidebar' });",
          "expect(toggle.getAttribute('aria-expanded')).toBe('true');",
          'await user.click(toggle);',
          "expect(screen.getByRole('button', { name: 'Expand sidebar' }).getAttribute('aria-expanded')).toBe('false');",
          `expect(screen.getByRole('link', { name: ${linkName(current)} })).toBeTruthy();`,
          `expect(screen.getByText(${literal(current.label)}).className).toContain('sr-only');`,
        ],
      },
      {
        name: 'shows section titles as headings and counts beside links',
        body: [
          'await setup();',
          `expect(screen.getByRole('heading', { name: ${literal(workspace.title)} })).toBeTruthy();`,
          `expect(screen.getByRole('link', { name: /${(workspace.links[1] as TNavLink).label}/ }).textContent).toContain('${(workspace.links[1] as { count: number }).count}');`,
        ],
      },
    ],
    play: [
      `await expect(canvas.getByRole('link', { name: ${literal(current.label)} })).toHaveAttribute('aria-current', 'page');`,
      "await userEvent.click(canvas.getByRole('button', { name: 'Collapse sidebar' }));",
      "await expect(canvas.getByRole('button', { name: 'Expand sidebar' })).toHaveAttribute('aria-expanded', 'false');",
      `await userEvent.click(canvas.getByRole('link', { name: ${linkName(other)} }));`,
      `await expect(args.onNavigate).toHaveBeenCalledWith(${literal(other.href)});`,
    ],
    stories: [{ name: 'Collapsed', args: '{ defaultCollapsed: true }' }],
    notes: {
      design: ['sections with small uppercase titles, an initial per link, counts as pills; collapses from w-64 to w-16'],
      logic: [
        'nav labelled by its purpose; aria-current="page"; onNavigate for client routing',
        'collapse button with aria-expanded/aria-controls; collapsed labels stay as screen-reader text',
      ],
      performance: ['collapsing toggles classes; nothing re-mounts'],
    },
  });
}
