// Accordion (WAI-ARIA APG "Accordion"): each header is a heading holding a button with
// aria-expanded and aria-controls; its panel is a role="region" labelled by the button. One section
// open at a time unless the prompt asked for several; ArrowUp/ArrowDown/Home/End move between headers.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler, textItems } from '../component-kit';
import { rovingKeyHandler } from '../keyboard-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

const FAQ = [
  { id: 'billing', title: 'How does billing work?', content: 'You are billed at the start of each month for the seats you use.' },
  { id: 'cancel', title: 'Can I cancel at any time?', content: 'Yes. Your plan stays active until the end of the billing period.' },
  { id: 'data', title: 'Where is my data stored?', content: 'In the region you chose when you created the workspace.' },
  { id: 'support', title: 'How do I reach support?', content: 'Write to the support team from the help menu; we answer within a day.' },
  { id: 'export', title: 'Can I export my projects?', content: 'Every project can be downloaded as an archive from its settings.' },
];

export function buildAccordion(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const text = `${plan.name} ${plan.summary}`;
  const allowsMultiple = /several|multiple|many open|at once|independent/i.test(text);
  const singleOnly = /only one|one at a time|single/i.test(text);
  const defaultMultiple = allowsMultiple && !singleOnly;
  const sections = FAQ.slice(0, style.density.isCompact ? 3 : 4);
  const [first, second, last] = [sections[0], sections[1], sections[sections.length - 1]] as [(typeof FAQ)[0], (typeof FAQ)[0], (typeof FAQ)[0]];
  const itemType = `${plan.name}Section`;
  const isCards = variation === 1;
  const kitItems = textItems({ prop: 'sections', typeName: itemType, noun: 'sections', items: sections, textField: 'title' });
  const disabled = plan.states.includes('disabled') ? '\n          disabled={disabled}' : '';
  const render = `<div className="flex flex-col ${isCards ? style.density.gap : `divide-y divide-border ${style.panel}`}">
  {sections.map((section) => {
    const isOpen = openIds.includes(section.id);
    return (
      <div key={section.id} className="${isCards ? style.panel : ''}">
        <h3 className="m-0">
          <button
            ref={(element) => {
              headerRefs.current[section.id] = element;
            }}
            id={\`\${baseId}-header-\${section.id}\`}
            type="button"
            aria-expanded={isOpen}
            aria-controls={\`\${baseId}-panel-\${section.id}\`}
            onClick={() => toggle(section.id)}
            onKeyDown={(event) => handleKeyDown(event, section.id)}${disabled}
            className="flex w-full items-center justify-between gap-4 text-left font-medium ${style.density.cell} ${style.ghostButton}"
          >
            {section.title}
            <span aria-hidden="true" className="text-fg-subtle">
              {isOpen ? '−' : '+'}
            </span>
          </button>
        </h3>
        <div
          id={\`\${baseId}-panel-\${section.id}\`}
          role="region"
          aria-labelledby={\`\${baseId}-header-\${section.id}\`}
          hidden={!isOpen}
          className="${style.density.cell} ${style.muted}"
        >
          {section.content}
        </div>
      </div>
    );
  })}
</div>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'allowMultiple', type: 'boolean', description: 'Let several sections be open at once.', defaultValue: String(defaultMultiple) },
      { name: 'defaultOpenIds', type: 'string[]', description: 'Sections open on first render.', defaultValue: '[]' },
      { name: 'onToggle', type: '(sectionId: string, isOpen: boolean) => void', description: 'Called when a section opens or closes.', sample: FN },
    ],
    body: [
      'const [openIds, setOpenIds] = useState(defaultOpenIds);',
      'const headerRefs = useRef<{ [sectionId: string]: HTMLButtonElement | null }>({});',
      'const baseId = useId();',
      '',
      ...handler(
        context,
        'toggle',
        'sectionId: string',
        [
          'const willOpen = !openIds.includes(sectionId);',
          'setOpenIds((current) =>',
          '  willOpen ? (allowMultiple ? [...current, sectionId] : [sectionId]) : current.filter((id) => id !== sectionId),',
          ');',
          'onToggle?.(sectionId, willOpen);',
        ],
        ['openIds', 'allowMultiple', 'onToggle'],
      ),
      '',
      '// ArrowUp/ArrowDown/Home/End move focus between the section headers (APG accordion).',
      ...rovingKeyHandler(context, {
        name: 'handleKeyDown',
        params: 'event: { key: string; preventDefault: () => void }, sectionId: string',
        items: 'sections',
        fromIndex: 'sections.findIndex((section) => section.id === sectionId)',
        previousKey: 'ArrowUp',
        nextKey: 'ArrowDown',
        onMove: ['headerRefs.current[next.id]?.focus();'],
        deps: ['sections'],
      }),
    ],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'starts closed and opens a section with its button',
        body: [
          'const { user, props } = await setup();',
          `const header = screen.getByRole('button', { name: ${literal(first.title)} });`,
          "expect(header.getAttribute('aria-expanded')).toBe('false');",
          "expect(screen.queryByRole('region')).toBeNull();",
          'await user.click(header);',
          "expect(header.getAttribute('aria-expanded')).toBe('true');",
          `expect(screen.getByRole('region', { name: ${literal(first.title)} }).textContent).toBe(${literal(first.content)});`,
          `expect(props.onToggle).toHaveBeenCalledWith(${literal(first.id)}, true);`,
        ],
      },
      {
        name: 'toggles with Enter and Space from the keyboard',
        body: [
          'const { user } = await setup();',
          'await user.tab();',
          "await user.keyboard('{Enter}');",
          `expect(screen.getByRole('button', { name: ${literal(first.title)} }).getAttribute('aria-expanded')).toBe('true');`,
          "await user.keyboard(' ');",
          `expect(screen.getByRole('button', { name: ${literal(first.title)} }).getAttribute('aria-expanded')).toBe('false');`,
        ],
      },
      {
        name: 'moves between headers with the arrow keys, Home and End',
        body: [
          'const { user } = await setup();',
          'await user.tab();',
          "await user.keyboard('{ArrowDown}');",
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(second.title)} }));`,
          "await user.keyboard('{End}');",
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(last.title)} }));`,
          "await user.keyboard('{ArrowDown}');",
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(first.title)} }));`,
          "await user.keyboard('{ArrowUp}');",
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(last.title)} }));`,
          "await user.keyboard('{Home}');",
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(first.title)} }));`,
        ],
      },
      {
        name: 'keeps one section open unless several are allowed',
        body: [
          'const { user } = await setup({ allowMultiple: false });',
          `await user.click(screen.getByRole('button', { name: ${literal(first.title)} }));`,
          `await user.click(screen.getByRole('button', { name: ${literal(second.title)} }));`,
          "expect(screen.getAllByRole('region')).toHaveLength(1);",
          'cleanup();',
          'const several = await setup({ allowMultiple: true });',
          `await several.user.click(screen.getByRole('button', { name: ${literal(first.title)} }));`,
          `await several.user.click(screen.getByRole('button', { name: ${literal(second.title)} }));`,
          "expect(screen.getAllByRole('region')).toHaveLength(2);",
        ],
      },
    ],
    play: [
      `await userEvent.click(canvas.getByRole('button', { name: ${literal(first.title)} }));`,
      `await expect(canvas.getByRole('region', { name: ${literal(first.title)} })).toBeVisible();`,
      `await expect(args.onToggle).toHaveBeenCalledWith(${literal(first.id)}, true);`,
    ],
    notes: {
      design: [`${isCards ? 'separate cards per section' : 'sections divided inside one panel'}, a +/− marker hidden from assistive technology`],
      logic: [
        'accordion pattern: heading > button with aria-expanded/aria-controls, panel role="region" labelled by its button',
        defaultMultiple ? 'several sections may be open at once (allowMultiple)' : 'one section open at a time (allowMultiple turns that off)',
        'ArrowUp/ArrowDown/Home/End move between headers',
      ],
      performance: ['closed panels stay in the DOM but hidden'],
    },
  });
}
