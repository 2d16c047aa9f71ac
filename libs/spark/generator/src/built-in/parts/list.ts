// List: items with a title and optional description, selectable when onSelect is given (each a
// button, the selected one aria-current). Passed as a prop or loaded; above VIRTUALISE_ABOVE items
// only the rows in view are rendered (a scroll region sized with the spacing token).
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, type TKitItems } from '../component-kit';
import { sampleLabels } from '../options-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

/** Rows are h-12 (the spacing token 12); the viewport is max-h-96 (eight rows). */
const ROW_STEP = 12;
const VIEWPORT_ROWS = 8;
const OVERSCAN = 4;

export function buildList(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const typeName = `${plan.name}Item`;
  const virtualise = context.performance.virtualise;
  const count = virtualise ? Math.max(plan.data.itemCount ?? 0, 200) : 0;
  const labels = sampleLabels(plan);
  const sample = virtualise
    ? `Array.from({ length: ${count} }, (_, index) => ({ id: String(index + 1), title: \`Item \${index + 1}\`, description: 'Sample item' }))`
    : `[${labels.map((label, index) => `{ id: ${literal(String(index + 1))}, title: ${literal(label)}, description: ${literal(`Details of ${label.toLowerCase()}`)} }`).join(', ')}]`;
  const firstText = virtualise ? 'Item 1' : (labels[0] ?? '');
  const secondText = virtualise ? 'Item 2' : (labels[1] ?? '');
  const items: TKitItems = {
    prop: 'items',
    typeName,
    typeSource: `export type ${typeName} = { id: string; title: string; description?: string };`,
    sample,
    firstText,
    noun: 'items',
  };
  const divided = variation === 0 ? ' divide-y divide-border' : '';
  const rowClass = `flex w-full flex-col items-start text-left ${style.density.cell}${virtualise ? ` h-${ROW_STEP} justify-center` : ''}`;
  const itemContent = [
    '{onSelect ? (',
    '  <button',
    '    type="button"',
    '    aria-current={item.id === selectedId ? true : undefined}',
    '    onClick={() => handleSelect(item.id)}',
    ...(plan.states.includes('disabled') ? ['    disabled={disabled}'] : []),
    `    className={\`${rowClass} ${style.ghostButton} \${item.id === selectedId ? ${literal(style.selected)} : ''}\`}`,
    '  >',
    `    <span className=${JSON.stringify(`${style.text} font-medium`)}>{item.title}</span>`,
    `    {item.description ? <span className=${JSON.stringify(style.muted)}>{item.description}</span> : null}`,
    '  </button>',
    ') : (',
    `  <div className=${JSON.stringify(rowClass)}>`,
    `    <span className=${JSON.stringify(`${style.text} font-medium`)}>{item.title}</span>`,
    `    {item.description ? <span className=${JSON.stringify(style.muted)}>{item.description}</span> : null}`,
    '  </div>',
    ')}',
  ];
  const listItem = (attributes: string) => [`<li key={item.id}${attributes}>`, ...itemContent.map((line) => `  ${line}`), '</li>'];
  const render = virtualise
    ? [
        `<div role="region" aria-label={label} tabIndex={0} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} className=${JSON.stringify(`max-h-96 overflow-y-auto ${style.panel}`)}>`,
        '  <ul',
        `    className=${JSON.stringify(divided.trim() || 'flex flex-col')}`,
        `    style={{ paddingTop: \`calc(var(--spacing-${ROW_STEP}) * \${start})\`, paddingBottom: \`calc(var(--spacing-${ROW_STEP}) * \${items.length - end})\` }}`,
        '  >',
        '    {visible.map((item, offset) => (',
        ...listItem(' aria-setsize={items.length} aria-posinset={start + offset + 1}').map((line) => `      ${line}`),
        '    ))}',
        '  </ul>',
        '</div>',
      ].join('\n')
    : [
        `<ul aria-label={label} className=${JSON.stringify(`${style.panel} flex flex-col${divided}`)}>`,
        '  {items.map((item) => (',
        ...listItem('').map((line) => `    ${line}`),
        '  ))}',
        '</ul>',
      ].join('\n');
  const windowBody = virtualise
    ? [
        '// Rows are a fixed spacing step tall, so the window follows from the scroll offset alone.',
        `const [rowHeight] = useState(() => (typeof window === 'undefined' ? 0 : Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) * ${ROW_STEP / 4});`,
        'const [scrollTop, setScrollTop] = useState(0);',
        `const start = Math.max(0, Math.floor(scrollTop / (rowHeight || 1)) - ${OVERSCAN});`,
        `const end = Math.min(items.length, start + ${VIEWPORT_ROWS + 2 * OVERSCAN});`,
        'const visible = useMemo(() => items.slice(start, end), [items, start, end]);',
      ]
    : [];
  const scrolledTo = Math.floor(count / 2);
  return buildComponentFiles({
    plan,
    context,
    items,
    props: [
      { name: 'label', type: 'string', description: 'The accessible name of the list.', defaultValue: literal(plan.name.replace(/([a-z])([A-Z])/g, '$1 $2')) },
      { name: 'selectedId', type: 'string', description: 'The selected item, if any.' },
      { name: 'onSelect', type: '(id: string) => void', description: 'Makes items selectable; called with the chosen id.', sample: FN },
    ],
    body: [
      ...windowBody,
      ...(context.performance.memo
        ? ['const handleSelect = useCallback((id: string) => onSelect?.(id), [onSelect]);']
        : ['function handleSelect(id: string) {', '  onSelect?.(id);', '}']),
    ],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: virtualise ? `renders only the rows in view of ${count}` : 'lists every item',
        body: virtualise
          ? ['await setup();', "const rows = screen.getAllByRole('listitem');", `expect(rows.length).toBeLessThan(${VIEWPORT_ROWS + 2 * OVERSCAN + 1});`, `expect(rows[0]?.getAttribute('aria-setsize')).toBe('${count}');`, `expect(screen.getByText(${literal(firstText)})).toBeTruthy();`]
          : ['await setup();', `expect(screen.getAllByRole('listitem')).toHaveLength(${labels.length});`, `expect(screen.getByText(${literal(firstText)})).toBeTruthy();`],
      },
      ...(virtualise
        ? [{
            name: 'renders the rows scrolled to',
            body: [
              'await setup();',
              "const region = screen.getByRole('region');",
              "const rowHeight = (Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) * 3;",
              `Object.defineProperty(region, 'scrollTop', { configurable: true, value: rowHeight * ${scrolledTo} });`,
              'fireEvent.scroll(region);',
              `expect(await screen.findByText('Item ${scrolledTo + 1}')).toBeTruthy();`,
              `expect(screen.queryByText(${literal(firstText)})).toBeNull();`,
            ],
          }]
        : []),
      {
        name: 'selects an item by click and by keyboard',
        body: [
          'const { props, user } = await setup();',
          `await user.click(screen.getByRole('button', { name: new RegExp(${literal(`^${secondText}(\\s|$)`)}) }));`,
          "expect(props.onSelect).toHaveBeenCalledWith('2');",
          `screen.getByRole('button', { name: new RegExp(${literal(`^${firstText}(\\s|$)`)}) }).focus();`,
          "await user.keyboard('{Enter}');",
          "expect(props.onSelect).toHaveBeenLastCalledWith('1');",
        ],
      },
    ],
    play: [`const item = await canvas.findByRole('button', { name: new RegExp(${literal(`^${secondText}(\\s|$)`)}) });`, 'await userEvent.click(item);', "await expect(args.onSelect).toHaveBeenCalledWith('2');"],
    stories: [{ name: 'WithSelection', args: "{ selectedId: '1' }" }],
    notes: {
      design: [variation === 0 ? 'rows divided by the border token' : 'rows on one surface without dividers', 'the selected row in the accent colours'],
      logic: ['items selectable with onSelect (buttons, Enter works), aria-current on the selected one'],
      performance: virtualise
        ? [`windowed: of ${count} items only about ${VIEWPORT_ROWS + 2 * OVERSCAN} rows are in the DOM, positioned with the spacing token; the slice is memoised`]
        : [],
    },
  });
}
