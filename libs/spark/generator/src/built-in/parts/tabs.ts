// Tabs (WAI-ARIA APG "Tabs with automatic activation"): a labelled role="tablist" of role="tab"
// buttons with aria-selected/aria-controls and one tab stop (roving tabindex); ArrowLeft/ArrowRight
// wrap, Home/End jump; each role="tabpanel" is labelled by its tab and focusable.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler, planLabel, textItems } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { planItemLabels, slug } from '../item-labels';
import { rovingKeyHandler } from '../keyboard-kit';
import { literal } from '../part-kit';

export function buildTabs(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const labels = planItemLabels(plan, ['Overview', 'Activity', 'Settings']);
  const tabs = labels.map((label) => ({ id: slug(label), label, content: `${label} content goes here.` }));
  const [first, second, last] = [tabs[0], tabs[1], tabs[tabs.length - 1]] as [(typeof tabs)[0], (typeof tabs)[0], (typeof tabs)[0]];
  const itemType = `${plan.name}Tab`;
  const isPills = variation === 1;
  const tabClass = isPills
    ? `rounded-full ${style.control} font-medium ${style.ghostButton}`
    : `border-b-2 ${style.control} font-medium focus-visible:outline-2 focus-visible:outline-focus`;
  const selectedClass = isPills ? 'bg-accent-surface text-accent-text' : style.selected;
  const unselectedClass = isPills ? '' : style.unselected;
  const kitItems = textItems({ prop: 'tabs', typeName: itemType, noun: 'tabs', items: tabs, textField: 'label' });
  const disabled = plan.states.includes('disabled') ? '\n        disabled={disabled}' : '';
  const render = `<div className="flex flex-col ${style.density.gap}">
  <div role="tablist" aria-label={label} onKeyDown={handleKeyDown} className="flex ${isPills ? 'gap-1' : `gap-2 border-b border-border`}">
    {tabs.map((tab) => {
      const isSelected = tab.id === current?.id;
      return (
        <button
          key={tab.id}
          ref={(element) => {
            tabRefs.current[tab.id] = element;
          }}
          id={\`\${baseId}-tab-\${tab.id}\`}
          type="button"
          role="tab"
          aria-selected={isSelected}
          aria-controls={\`\${baseId}-panel-\${tab.id}\`}
          tabIndex={isSelected ? 0 : -1}
          onClick={() => select(tab.id)}${disabled}
          className={\`${tabClass} \${isSelected ? ${literal(selectedClass)} : ${literal(unselectedClass)}}\`}
        >
          {tab.label}
        </button>
      );
    })}
  </div>
  {tabs.map((tab) => (
    <div
      key={tab.id}
      id={\`\${baseId}-panel-\${tab.id}\`}
      role="tabpanel"
      aria-labelledby={\`\${baseId}-tab-\${tab.id}\`}
      tabIndex={0}
      hidden={tab.id !== current?.id}
      className="${style.text} ${style.density.isCompact ? 'py-2' : 'py-4'}"
    >
      {tab.content}
    </div>
  ))}
</div>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'label', type: 'string', description: 'What the tabs are about (the tablist’s accessible name).', defaultValue: literal(planLabel(plan)) },
      { name: 'defaultTabId', type: 'string', description: 'The tab selected first; the first tab otherwise.' },
      { name: 'onChange', type: '(tabId: string) => void', description: 'Called with the id of the tab a person selects.', sample: FN },
    ],
    body: [
      'const [selectedId, setSelectedId] = useState(defaultTabId);',
      'const tabRefs = useRef<{ [tabId: string]: HTMLButtonElement | null }>({});',
      'const baseId = useId();',
      'const current = tabs.find((tab) => tab.id === selectedId) ?? tabs[0];',
      '',
      ...handler(context, 'select', 'tabId: string', ['setSelectedId(tabId);', 'onChange?.(tabId);'], ['onChange']),
      '',
      '// Automatic activation: arrow keys move focus and select (APG tabs).',
      ...rovingKeyHandler(context, {
        name: 'handleKeyDown',
        params: 'event: { key: string; preventDefault: () => void }',
        items: 'tabs',
        fromIndex: 'tabs.findIndex((tab) => tab.id === current?.id)',
        previousKey: 'ArrowLeft',
        nextKey: 'ArrowRight',
        onMove: ['select(next.id);', 'tabRefs.current[next.id]?.focus();'],
        deps: ['tabs', 'current', 'select'],
      }),
    ],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'shows the first tab’s panel, labelled by its tab',
        body: [
          'await setup();',
          `const tab = screen.getByRole('tab', { name: ${literal(first.label)} });`,
          "expect(tab.getAttribute('aria-selected')).toBe('true');",
          `expect(screen.getByRole('tabpanel', { name: ${literal(first.label)} }).textContent).toBe(${literal(first.content)});`,
          "expect(screen.getAllByRole('tabpanel')).toHaveLength(1);",
        ],
      },
      {
        name: 'selects a tab on click and reports it',
        body: [
          'const { user, props } = await setup();',
          `await user.click(screen.getByRole('tab', { name: ${literal(second.label)} }));`,
          `expect(props.onChange).toHaveBeenCalledWith(${literal(second.id)});`,
          `expect(screen.getByRole('tabpanel', { name: ${literal(second.label)} })).toBeTruthy();`,
        ],
      },
      {
        name: 'moves with the arrow keys, Home and End, with one tab stop',
        body: [
          'const { user } = await setup();',
          'await user.tab();',
          `expect(document.activeElement).toBe(screen.getByRole('tab', { name: ${literal(first.label)} }));`,
          "await user.keyboard('{ArrowRight}');",
          `expect(document.activeElement).toBe(screen.getByRole('tab', { name: ${literal(second.label)} }));`,
          `expect(screen.getByRole('tab', { name: ${literal(second.label)} }).getAttribute('aria-selected')).toBe('true');`,
          "await user.keyboard('{End}');",
          `expect(document.activeElement).toBe(screen.getByRole('tab', { name: ${literal(last.label)} }));`,
          "await user.keyboard('{ArrowRight}');",
          `expect(document.activeElement).toBe(screen.getByRole('tab', { name: ${literal(first.label)} }));`,
          "await user.keyboard('{ArrowLeft}');",
          `expect(document.activeElement).toBe(screen.getByRole('tab', { name: ${literal(last.label)} }));`,
          "await user.keyboard('{Home}');",
          `expect(document.activeElement).toBe(screen.getByRole('tab', { name: ${literal(first.label)} }));`,
          'await user.tab();',
          "expect(document.activeElement?.getAttribute('role')).toBe('tabpanel');",
        ],
      },
      {
        name: 'starts on the default tab',
        body: [
          `await setup({ defaultTabId: ${literal(last.id)} });`,
          `expect(screen.getByRole('tab', { name: ${literal(last.label)} }).getAttribute('aria-selected')).toBe('true');`,
        ],
      },
    ],
    play: [
      `await userEvent.click(canvas.getByRole('tab', { name: ${literal(second.label)} }));`,
      `await expect(canvas.getByRole('tabpanel', { name: ${literal(second.label)} })).toBeVisible();`,
      "await userEvent.keyboard('{ArrowRight}');",
      `await expect(args.onChange).toHaveBeenCalledWith(${literal((tabs[2] ?? first).id)});`,
    ],
    notes: {
      design: [`${isPills ? 'pill' : 'underlined'} tabs over their panel`],
      logic: [
        'tabs pattern: role="tablist" labelled, role="tab" with aria-selected and aria-controls, role="tabpanel" labelled by its tab',
        'roving tabindex, ArrowLeft/ArrowRight wrap, Home/End, automatic activation',
      ],
      performance: ['inactive panels stay mounted but hidden, so switching keeps their state'],
    },
  });
}
