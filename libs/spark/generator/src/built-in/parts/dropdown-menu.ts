// Dropdown menu (WAI-ARIA APG "Menu Button"): a button with aria-haspopup/aria-expanded opens a
// role="menu" whose items take focus in turn (roving focus): Arrow keys wrap, Home/End jump, Enter
// picks, Escape closes and gives focus back to the button, Tab and a click outside close it.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler, planLabel, type TKitItems } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

type TMenuItem = { id: string; label: string; isDanger?: boolean };

/** The actions the prompt implies: account menus, row actions, or generic ones. */
function menuItems(plan: TComponentPlan): { buttonLabel: string; items: TMenuItem[] } {
  const text = `${plan.name} ${plan.summary}`;
  if (/account|user|profile|avatar/i.test(text))
    return {
      buttonLabel: 'Account',
      items: [
        { id: 'profile', label: 'Profile' },
        { id: 'settings', label: 'Settings' },
        { id: 'sign-out', label: 'Sign out', isDanger: true },
      ],
    };
  return {
    buttonLabel: /action|edit|delete/i.test(text) ? 'Actions' : planLabel(plan).replace(/ ?(dropdown|menu)/gi, '') || 'Options',
    items: [
      { id: 'edit', label: 'Edit' },
      { id: 'duplicate', label: 'Duplicate' },
      { id: 'delete', label: 'Delete', isDanger: true },
    ],
  };
}

export function buildDropdownMenu(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const { buttonLabel, items } = menuItems(plan);
  const itemType = `${plan.name}Item`;
  const [first, second, last] = [items[0], items[1], items[items.length - 1]] as [TMenuItem, TMenuItem, TMenuItem];
  const disabled = plan.states.includes('disabled') ? ' disabled={disabled}' : '';
  const kitItems: TKitItems = {
    prop: 'items',
    typeName: itemType,
    typeSource: `export type ${itemType} = { id: string; label: string; isDanger: boolean };`,
    sample: `[${items.map((item) => `{ id: ${literal(item.id)}, label: ${literal(item.label)}, isDanger: ${item.isDanger === true} }`).join(', ')}]`,
    firstText: first.label,
    noun: 'actions',
  };
  const render = `<div ref={rootRef} className="relative inline-block text-left">
  <button
    ref={buttonRef}
    id={buttonId}
    type="button"
    aria-haspopup="menu"
    aria-expanded={isOpen}
    aria-controls={isOpen ? menuId : undefined}
    onClick={() => (isOpen ? setIsOpen(false) : openMenu(0))}
    onKeyDown={handleButtonKeyDown}${disabled}
    className="inline-flex items-center gap-2 ${style.secondaryButton} ${style.control}"
  >
    {label}
    <span aria-hidden="true">▾</span>
  </button>
  {isOpen ? (
    <ul
      id={menuId}
      role="menu"
      aria-labelledby={buttonId}
      onKeyDown={handleMenuKeyDown}
      className="absolute right-0 z-10 mt-2 flex min-w-48 flex-col py-1 ${style.panel} shadow-lg"
    >
      {items.map((item, index) => (
        <li key={item.id} role="none">
          <button
            ref={(element) => {
              itemRefs.current[index] = element;
            }}
            type="button"
            role="menuitem"
            tabIndex={index === activeIndex ? 0 : -1}
            onClick={() => handleSelect(item)}
            className={\`w-full text-left ${style.control} hover:bg-surface-sunken focus-visible:bg-surface-sunken focus-visible:outline-none \${item.isDanger ? 'text-danger-text' : 'text-fg'}\`}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  ) : null}
</div>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'label', type: 'string', description: 'The menu button text.', defaultValue: literal(buttonLabel) },
      { name: 'onSelect', type: `(item: ${itemType}) => void`, description: 'Called with the chosen item.', sample: FN },
    ],
    body: [
      'const [isOpen, setIsOpen] = useState(false);',
      'const [activeIndex, setActiveIndex] = useState(0);',
      'const rootRef = useRef<HTMLDivElement>(null);',
      'const buttonRef = useRef<HTMLButtonElement>(null);',
      'const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);',
      'const buttonId = useId();',
      'const menuId = useId();',
      '',
      'useEffect(() => {',
      '  if (isOpen) itemRefs.current[activeIndex]?.focus();',
      '}, [isOpen, activeIndex]);',
      '',
      '// A click outside closes the menu.',
      'useEffect(() => {',
      '  if (!isOpen) return;',
      '  function handlePointerDown(event: MouseEvent) {',
      '    if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);',
      '  }',
      "  document.addEventListener('mousedown', handlePointerDown);",
      "  return () => document.removeEventListener('mousedown', handlePointerDown);",
      '}, [isOpen]);',
      '',
      ...handler(context, 'openMenu', 'index: number', ['setActiveIndex(index);', 'setIsOpen(true);'], []),
      '',
      ...handler(context, 'closeMenu', '', ['setIsOpen(false);', 'buttonRef.current?.focus();'], []),
      '',
      ...handler(context, 'handleSelect', `item: ${itemType}`, ['onSelect?.(item);', 'closeMenu();'], ['onSelect', 'closeMenu']),
      '',
      ...handler(
        context,
        'handleButtonKeyDown',
        'event: { key: string; preventDefault: () => void }',
        [
          "if (event.key === 'ArrowDown') {",
          '  event.preventDefault();',
          '  openMenu(0);',
          "} else if (event.key === 'ArrowUp') {",
          '  event.preventDefault();',
          '  openMenu(items.length - 1);',
          '}',
        ],
        ['openMenu', 'items.length'],
      ),
      '',
      '// Roving focus through the items (APG menu keyboard interaction).',
      ...handler(
        context,
        'handleMenuKeyDown',
        'event: { key: string; preventDefault: () => void }',
        [
          'const count = items.length;',
          "if (event.key === 'ArrowDown') setActiveIndex((index) => (index + 1) % count);",
          "else if (event.key === 'ArrowUp') setActiveIndex((index) => (index - 1 + count) % count);",
          "else if (event.key === 'Home') setActiveIndex(0);",
          "else if (event.key === 'End') setActiveIndex(count - 1);",
          "else if (event.key === 'Escape') closeMenu();",
          "else if (event.key === 'Tab') setIsOpen(false);",
          'else return;',
          "if (event.key !== 'Tab') event.preventDefault();",
        ],
        ['items.length', 'closeMenu'],
      ),
    ],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'opens from its button and focuses the first item',
        body: [
          'const { user } = await setup();',
          `const button = screen.getByRole('button', { name: ${literal(buttonLabel)} });`,
          "expect(button.getAttribute('aria-expanded')).toBe('false');",
          'await user.click(button);',
          "expect(button.getAttribute('aria-expanded')).toBe('true');",
          `expect(screen.getByRole('menu', { name: ${literal(buttonLabel)} })).toBeTruthy();`,
          `expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: ${literal(first.label)} }));`,
        ],
      },
      {
        name: 'moves focus with the arrow keys, Home and End, wrapping around',
        body: [
          'const { user } = await setup();',
          `screen.getByRole('button', { name: ${literal(buttonLabel)} }).focus();`,
          "await user.keyboard('{ArrowDown}');",
          `const item = (label: string) => screen.getByRole('menuitem', { name: label });`,
          "await user.keyboard('{ArrowDown}');",
          `expect(document.activeElement).toBe(item(${literal(second.label)}));`,
          "await user.keyboard('{End}');",
          `expect(document.activeElement).toBe(item(${literal(last.label)}));`,
          "await user.keyboard('{ArrowDown}');",
          `expect(document.activeElement).toBe(item(${literal(first.label)}));`,
          "await user.keyboard('{ArrowUp}');",
          `expect(document.activeElement).toBe(item(${literal(last.label)}));`,
          "await user.keyboard('{Home}');",
          `expect(document.activeElement).toBe(item(${literal(first.label)}));`,
        ],
      },
      {
        name: 'opens on ArrowUp with the last item focused',
        body: [
          'const { user } = await setup();',
          `screen.getByRole('button', { name: ${literal(buttonLabel)} }).focus();`,
          "await user.keyboard('{ArrowUp}');",
          `expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: ${literal(last.label)} }));`,
        ],
      },
      {
        name: 'picks an item with Enter, closes and gives focus back',
        body: [
          'const { user, props } = await setup();',
          `const button = screen.getByRole('button', { name: ${literal(buttonLabel)} });`,
          'await user.click(button);',
          "await user.keyboard('{ArrowDown}{Enter}');",
          `expect(props.onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: ${literal(second.id)} }));`,
          "expect(screen.queryByRole('menu')).toBeNull();",
          'expect(document.activeElement).toBe(button);',
        ],
      },
      {
        name: 'closes on Escape and on a click outside',
        body: [
          'const { user, props } = await setup();',
          `const button = screen.getByRole('button', { name: ${literal(buttonLabel)} });`,
          'await user.click(button);',
          "await user.keyboard('{Escape}');",
          "expect(screen.queryByRole('menu')).toBeNull();",
          'expect(document.activeElement).toBe(button);',
          'await user.click(button);',
          'await user.click(document.body);',
          "expect(screen.queryByRole('menu')).toBeNull();",
          'expect(props.onSelect).not.toHaveBeenCalled();',
        ],
      },
    ],
    play: [
      `await userEvent.click(canvas.getByRole('button', { name: ${literal(buttonLabel)} }));`,
      `await expect(canvas.getByRole('menu')).toBeVisible();`,
      "await userEvent.keyboard('{ArrowDown}{Enter}');",
      `await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: ${literal(second.id)} }));`,
    ],
    notes: {
      design: [`menu panel under its button, ${items.filter((item) => item.isDanger).length > 0 ? 'the destructive action in the danger text colour' : 'plain items'}`],
      logic: [
        'menu button pattern: aria-haspopup, aria-expanded, aria-controls; role="menu" labelled by its button',
        'roving focus: ArrowUp/ArrowDown wrap, Home/End, Enter picks, Escape and Tab close, outside click closes',
      ],
      performance: ['the menu is not mounted while closed; the outside-click listener exists only while open'],
    },
  });
}
