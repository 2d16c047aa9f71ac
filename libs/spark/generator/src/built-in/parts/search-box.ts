// Search box (WAI-ARIA "search" landmark): a labelled search field in a role="search" form; Enter
// or the button searches, Escape or the clear button empties it; typed text can be reported live,
// deferred with useDeferredValue when the performance expert asks for it.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN } from '../component-kit';
import { controlClass } from '../field-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';
import { promptLabel } from '../plan-text';

export function buildSearchBox(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const label = promptLabel(plan, 'Search');
  const defer = context.performance.deferInput;
  const hasDisabled = plan.states.includes('disabled');
  const showLabel = variation === 1;
  return buildComponentFiles({
    plan,
    context,
    props: [
      { name: 'label', type: 'string', optional: false, description: 'The accessible name of the search field.', sample: literal(label) },
      { name: 'placeholder', type: 'string', description: 'Shown while empty.', defaultValue: literal('Search…') },
      { name: 'defaultQuery', type: 'string', description: 'The starting text.', defaultValue: "''" },
      { name: 'onSearch', type: '(query: string) => void', description: 'Called with the query on Enter or the search button.', sample: FN },
      { name: 'onQueryChange', type: '(query: string) => void', description: 'Called as the text changes (deferred while typing fast).', sample: FN },
    ],
    body: [
      'const id = useId();',
      'const [query, setQuery] = useState(defaultQuery);',
      ...(defer ? ['const deferredQuery = useDeferredValue(query);', 'useEffect(() => {', '  onQueryChange?.(deferredQuery);', '}, [deferredQuery, onQueryChange]);'] : []),
      '',
      'function handleSubmit(event: { preventDefault: () => void }) {',
      '  event.preventDefault();',
      '  onSearch?.(query.trim());',
      '}',
      '',
      'function update(next: string) {',
      '  setQuery(next);',
      ...(defer ? [] : ['  onQueryChange?.(next);']),
      '}',
    ],
    render: [
      `<form role="search" onSubmit={handleSubmit} className=${JSON.stringify(`flex ${showLabel ? 'flex-col' : 'items-center'} ${style.density.isCompact ? 'gap-1' : 'gap-2'}`)}>`,
      `  <label htmlFor={id} className=${JSON.stringify(showLabel ? style.labelText : 'sr-only')}>`,
      '    {label}',
      '  </label>',
      `  <div className=${JSON.stringify(`flex items-center ${style.density.isCompact ? 'gap-1' : 'gap-2'}`)}>`,
      '    <input',
      '      id={id}',
      '      type="search"',
      '      value={query}',
      '      placeholder={placeholder}',
      ...(hasDisabled ? ['      disabled={disabled}'] : []),
      '      onChange={(event) => update(event.target.value)}',
      "      onKeyDown={(event) => {",
      "        if (event.key === 'Escape') update('');",
      '      }}',
      `      className=${JSON.stringify(controlClass(style, 'min-w-0 flex-1'))}`,
      '    />',
      '    {query ? (',
      `      <button type="button" onClick={() => update('')} aria-label="Clear the search" className=${JSON.stringify(`${style.control} ${style.ghostButton}`)}>`,
      '        ×',
      '      </button>',
      '    ) : null}',
      `    <button type="submit"${hasDisabled ? ' disabled={disabled}' : ''} className=${JSON.stringify(`font-medium ${style.control} ${style.primaryButton}`)}>`,
      '      Search',
      '    </button>',
      '  </div>',
      '</form>',
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'is a search landmark that searches on Enter',
        body: [
          'const { props, user } = await setup();',
          "expect(screen.getByRole('search')).toBeTruthy();",
          `await user.type(screen.getByRole('searchbox', { name: ${literal(label)} }), 'lamps{Enter}');`,
          "expect(props.onSearch).toHaveBeenCalledWith('lamps');",
        ],
      },
      {
        name: 'clears with Escape and with the clear button',
        body: [
          'const { user } = await setup();',
          `const field = screen.getByRole('searchbox', { name: ${literal(label)} }) as HTMLInputElement;`,
          "await user.type(field, 'desk');",
          "await user.keyboard('{Escape}');",
          "expect(field.value).toBe('');",
          "await user.type(field, 'chair');",
          "await user.click(screen.getByRole('button', { name: 'Clear the search' }));",
          "expect(field.value).toBe('');",
        ],
      },
      {
        name: 'reports the text as it changes',
        body: ['const { props, user } = await setup();', `await user.type(screen.getByRole('searchbox', { name: ${literal(label)} }), 'ab');`, `await waitFor(() => expect(props.onQueryChange).toHaveBeenLastCalledWith('ab'));`],
      },
    ],
    play: [`const field = canvas.getByRole('searchbox', { name: ${literal(label)} });`, "await userEvent.type(field, 'lamps');", "await userEvent.click(canvas.getByRole('button', { name: 'Search' }));", "await expect(args.onSearch).toHaveBeenCalledWith('lamps');"],
    notes: {
      design: [showLabel ? 'visible label above the field' : 'label kept for screen readers (sr-only), field and button in one row'],
      logic: ['role="search" form: Enter or the button searches, Escape or the clear button empties it'],
      performance: defer ? ['typed text reported through useDeferredValue, so fast typing stays responsive'] : [],
    },
  });
}
