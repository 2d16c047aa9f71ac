// What the navbar and the sidebar share: links that mark the current page with aria-current and
// hand navigation to an optional onNavigate (client routing), tested the same way.
import { FN, handler, type TKitProp, type TKitTest } from './component-kit';
import type { TPartContext } from './part';
import { literal } from './part-kit';

export type TNavLink = { label: string; href: string };

/** The props every navigation part has besides its links. */
export function navProps(currentHref: string): TKitProp[] {
  return [
    { name: 'currentHref', type: 'string', description: 'The page a person is on (marked aria-current="page").', defaultValue: literal(currentHref) },
    { name: 'onNavigate', type: '(href: string) => void', description: 'Handles navigation (client routing); links navigate normally without it.', sample: FN },
  ];
}

/** `handleNavigate(event, href)`: hands the link to onNavigate when given, then runs `after`. */
export function navHandler(context: TPartContext, after: string[] = []): string[] {
  return handler(
    context,
    'handleNavigate',
    'event: { preventDefault: () => void }, href: string',
    ['if (onNavigate) {', '  event.preventDefault();', '  onNavigate(href);', '}', ...after],
    ['onNavigate'],
  );
}

/** The attributes of one link element inside a `.map((link) => …)`. */
export const NAV_LINK_ATTRIBUTES = `href={link.href}
aria-current={link.href === currentHref ? 'page' : undefined}
onClick={(event) => handleNavigate(event, link.href)}`;

/** A link-name matcher: the label at the start (a count may follow in the name). */
export function linkName(link: TNavLink): string {
  return `/^${link.label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`;
}

/** Tests: the landmark, the current page, navigation handed to onNavigate. */
export function navTests(landmark: string, current: TNavLink, other: TNavLink): TKitTest[] {
  return [
    {
      name: 'is a navigation landmark that marks the current page',
      body: [
        'await setup();',
        `expect(screen.getByRole('navigation', { name: ${literal(landmark)} })).toBeTruthy();`,
        `expect(screen.getByRole('link', { name: ${linkName(current)} }).getAttribute('aria-current')).toBe('page');`,
        `expect(screen.getByRole('link', { name: ${linkName(other)} }).getAttribute('aria-current')).toBeNull();`,
      ],
    },
    {
      name: 'hands navigation to onNavigate, from the keyboard too',
      body: [
        'const { user, props } = await setup();',
        `const link = screen.getByRole('link', { name: ${linkName(other)} });`,
        'await user.click(link);',
        `expect(props.onNavigate).toHaveBeenLastCalledWith(${literal(other.href)});`,
        'link.focus();',
        "await user.keyboard('{Enter}');",
        'expect(props.onNavigate).toHaveBeenCalledTimes(2);',
      ],
    },
  ];
}
