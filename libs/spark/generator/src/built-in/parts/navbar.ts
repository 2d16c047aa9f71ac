// Navbar: a header with the brand, a nav labelled "Main" whose links mark the current page, an
// action (sign in) and, on small screens, a menu button (aria-expanded, aria-controls) that shows
// the links; Escape closes the menu and gives focus back to its button.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, textItems } from '../component-kit';
import { navHandler, NAV_LINK_ATTRIBUTES, navProps, navTests, type TNavLink } from '../nav-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

const LINKS: TNavLink[] = [
  { label: 'Product', href: '/product' },
  { label: 'Pricing', href: '/pricing' },
  { label: 'Docs', href: '/docs' },
  { label: 'Blog', href: '/blog' },
];

export function buildNavbar(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const [current, other] = LINKS as [TNavLink, TNavLink];
  const itemType = `${plan.name}Link`;
  const isMarketing = /marketing|landing|sign in|site/i.test(`${plan.name} ${plan.summary}`);
  const kitItems = textItems({ prop: 'links', typeName: itemType, noun: 'links', items: LINKS, textField: 'label', shown: current });
  const bar = variation === 1 ? 'bg-surface-raised shadow-sm' : variation === 2 ? 'bg-fg text-bg' : 'border-b border-border bg-surface';
  const linkIdle = variation === 2 ? 'text-bg hover:bg-fg-muted' : 'text-fg-muted hover:bg-surface-sunken hover:text-fg';
  const linkCurrent = variation === 2 ? 'bg-fg-muted text-bg' : 'bg-accent-surface text-accent-text';
  const disabled = plan.states.includes('disabled') ? ' disabled={disabled}' : '';
  const render = `<header className="${bar}">
  <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 ${style.density.isCompact ? 'px-4 py-2' : 'px-6 py-4'}">
    <a href="/" className="text-lg font-bold">
      {brand}
    </a>
    <button
      ref={menuButtonRef}
      type="button"
      aria-expanded={isMenuOpen}
      aria-controls={menuId}
      onClick={() => setIsMenuOpen((open) => !open)}
      className="rounded-md p-2 md:hidden focus-visible:outline-2 focus-visible:outline-focus"
    >
      <span className="sr-only">Menu</span>
      <span aria-hidden="true">☰</span>
    </button>
    <ul
      id={menuId}
      onKeyDown={handleMenuKeyDown}
      className={\`\${isMenuOpen ? 'flex' : 'hidden'} w-full flex-col gap-1 md:flex md:w-auto md:flex-row md:items-center\`}
    >
      {links.map((link) => (
        <li key={link.href}>
          <a
            ${NAV_LINK_ATTRIBUTES.replace(/\n/g, '\n            ')}
            className={\`block rounded-md ${style.control} font-medium focus-visible:outline-2 focus-visible:outline-focus \${link.href === currentHref ? ${literal(linkCurrent)} : ${literal(linkIdle)}}\`}
          >
            {link.label}
          </a>
        </li>
      ))}
      {actionLabel ? (
        <li>
          <button type="button" onClick={onAction}${disabled} className="${style.primaryButton} ${style.control}">
            {actionLabel}
          </button>
        </li>
      ) : null}
    </ul>
  </nav>
</header>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'brand', type: 'string', description: 'The product name, linking home.', defaultValue: "'LumenForge'" },
      ...navProps(current.href),
      { name: 'actionLabel', type: 'string | null', description: 'A call to action at the end (null for none).', defaultValue: literal(isMarketing ? 'Sign in' : 'New project') },
      { name: 'onAction', type: '() => void', description: 'Called by the call to action.', sample: FN },
    ],
    body: [
      'const [isMenuOpen, setIsMenuOpen] = useState(false);',
      'const menuButtonRef = useRef<HTMLButtonElement>(null);',
      'const menuId = useId();',
      '',
      ...navHandler(context, ['setIsMenuOpen(false);']),
      '',
      '// Escape closes the small-screen menu and returns focus to its button.',
      'function handleMenuKeyDown(event: { key: string }) {',
      "  if (event.key !== 'Escape' || !isMenuOpen) return;",
      '  setIsMenuOpen(false);',
      '  menuButtonRef.current?.focus();',
      '}',
    ],
    render,
    disabledOn: 'controls',
    tests: [
      ...navTests('Main', current, other),
      {
        name: 'opens and closes the small-screen menu, Escape included',
        body: [
          'const { user } = await setup();',
          "const toggle = screen.getByRole('button', { name: 'Menu' });",
          "expect(toggle.getAttribute('aria-expanded')).toBe('false');",
          "const menu = document.getElementById(toggle.getAttribute('aria-controls') ?? '');",
          "expect(menu?.className).toContain('hidden');",
          'await user.click(toggle);',
          "expect(toggle.getAttribute('aria-expanded')).toBe('true');",
          "expect(menu?.className.split(' ')).toContain('flex');",
          `screen.getByRole('link', { name: ${literal(other.label)} }).focus();`,
          "await user.keyboard('{Escape}');",
          "expect(toggle.getAttribute('aria-expanded')).toBe('false');",
          'expect(document.activeElement).toBe(toggle);',
        ],
      },
      {
        name: 'offers its call to action',
        body: [
          'const { user, props } = await setup();',
          `await user.click(screen.getByRole('button', { name: ${literal(isMarketing ? 'Sign in' : 'New project')} }));`,
          'expect(props.onAction).toHaveBeenCalled();',
        ],
      },
    ],
    play: [
      "await expect(canvas.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();",
      `await expect(canvas.getByRole('link', { name: ${literal(current.label)} })).toHaveAttribute('aria-current', 'page');`,
      `await userEvent.click(canvas.getByRole('link', { name: ${literal(other.label)} }));`,
      `await expect(args.onNavigate).toHaveBeenCalledWith(${literal(other.href)});`,
    ],
    notes: {
      design: [`${variation === 2 ? 'inverted' : variation === 1 ? 'raised' : 'bordered'} bar; the current link on the accent surface; the links fold into a menu below md`],
      logic: [
        'header > nav labelled "Main"; aria-current="page" on the current link; onNavigate for client routing',
        'small screens: a "Menu" button with aria-expanded/aria-controls; Escape closes it and returns focus',
      ],
      performance: ['no effects or listeners; the menu toggles a class'],
    },
  });
}
