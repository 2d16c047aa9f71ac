// Pagination: a nav labelled "Pagination" with Previous/Next and page buttons, the current page
// marked aria-current="page"; long ranges show the first, last and neighbouring pages with gaps.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

/** The page count the prompt names ("for 42 pages"), else 10. */
function plannedPageCount(plan: TComponentPlan): number {
  const named = /(\d+)\s*pages/i.exec(plan.summary)?.[1] ?? plan.props.find((prop) => prop.name === 'pageCount')?.defaultValue;
  const count = Number(named);
  return Number.isInteger(count) && count >= 2 && count <= 100_000 ? count : 10;
}

export function buildPagination(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const pageCount = plannedPageCount(plan);
  const buttonBase = `min-w-9 ${style.density.isCompact ? 'px-2 py-1' : 'px-3 py-2'} text-sm`;
  const currentClass = variation === 2 ? 'rounded-full bg-fg text-bg' : 'rounded-md bg-accent text-accent-fg';
  const render = `<nav aria-label={label}>
  <ul className="flex flex-wrap items-center gap-1">
    <li>
      <button
        type="button"
        onClick={() => goTo(page - 1)}
        disabled={page <= 1}
        className="${style.secondaryButton} ${buttonBase}"
      >
        <span aria-hidden="true">‹ </span>Previous
      </button>
    </li>
    {pageItems(page, pageCount).map((item, index) =>
      item === null ? (
        <li key={\`gap-\${index}\`} aria-hidden="true" className="px-2 text-fg-subtle">
          …
        </li>
      ) : (
        <li key={item}>
          <button
            type="button"
            aria-label={\`Page \${item}\`}
            aria-current={item === page ? 'page' : undefined}
            onClick={() => goTo(item)}
            className={\`${buttonBase} \${item === page ? ${literal(currentClass)} : ${literal(style.ghostButton)}}\`}
          >
            {item}
          </button>
        </li>
      ),
    )}
    <li>
      <button
        type="button"
        onClick={() => goTo(page + 1)}
        disabled={page >= pageCount}
        className="${style.secondaryButton} ${buttonBase}"
      >
        Next<span aria-hidden="true"> ›</span>
      </button>
    </li>
  </ul>
</nav>`;
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      [
        '/** The pages to show: first, last, the current one and its neighbours; null marks a gap. */',
        'function pageItems(current: number, count: number): Array<number | null> {',
        '  const pages = [...new Set([1, current - 1, current, current + 1, count])]',
        '    .filter((page) => page >= 1 && page <= count)',
        '    .sort((a, b) => a - b);',
        '  const items: Array<number | null> = [];',
        '  pages.forEach((page, index) => {',
        '    const previous = pages[index - 1];',
        '    if (previous !== undefined && page - previous > 1) items.push(null);',
        '    items.push(page);',
        '  });',
        '  return items;',
        '}',
      ].join('\n'),
    ],
    props: [
      { name: 'pageCount', type: 'number', description: 'How many pages there are.', defaultValue: String(pageCount) },
      { name: 'defaultPage', type: 'number', description: 'The page shown first.', defaultValue: '1' },
      { name: 'label', type: 'string', description: 'The nav’s accessible name.', defaultValue: "'Pagination'" },
      { name: 'onPageChange', type: '(page: number) => void', description: 'Called with the page a person moves to.', sample: FN },
    ],
    body: [
      'const [page, setPage] = useState(defaultPage);',
      '',
      ...handler(
        context,
        'goTo',
        'next: number',
        ['const clamped = Math.min(Math.max(next, 1), pageCount);', 'if (clamped === page) return;', 'setPage(clamped);', 'onPageChange?.(clamped);'],
        ['page', 'pageCount', 'onPageChange'],
      ),
    ],
    render,
    disabledOn: 'root',
    tests: [
      {
        name: 'marks the current page and disables Previous on the first',
        body: [
          'await setup();',
          "expect(screen.getByRole('navigation', { name: 'Pagination' })).toBeTruthy();",
          "expect(screen.getByRole('button', { name: 'Page 1' }).getAttribute('aria-current')).toBe('page');",
          "expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);",
          `expect(screen.getByRole('button', { name: 'Page ${pageCount}' })).toBeTruthy();`,
        ],
      },
      {
        name: 'moves with Next, Previous and the page buttons',
        body: [
          'const { user, props } = await setup();',
          "await user.click(screen.getByRole('button', { name: 'Next' }));",
          'expect(props.onPageChange).toHaveBeenLastCalledWith(2);',
          "expect(screen.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');",
          "await user.click(screen.getByRole('button', { name: 'Previous' }));",
          'expect(props.onPageChange).toHaveBeenLastCalledWith(1);',
          `await user.click(screen.getByRole('button', { name: 'Page ${pageCount}' }));`,
          `expect(props.onPageChange).toHaveBeenLastCalledWith(${pageCount});`,
          "expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);",
        ],
      },
      {
        name: 'shows gaps in a long range and works from the keyboard',
        body: [
          'const { user, props } = await setup({ pageCount: 50, defaultPage: 25 });',
          "expect(screen.getAllByRole('button', { name: /^Page / }).map((button) => button.textContent)).toEqual(['1', '24', '25', '26', '50']);",
          "screen.getByRole('button', { name: 'Page 26' }).focus();",
          "await user.keyboard('{Enter}');",
          'expect(props.onPageChange).toHaveBeenLastCalledWith(26);',
        ],
      },
    ],
    play: [
      "await userEvent.click(canvas.getByRole('button', { name: 'Next' }));",
      "await expect(canvas.getByRole('button', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');",
      'await expect(args.onPageChange).toHaveBeenCalledWith(2);',
    ],
    stories: [{ name: 'MiddleOfManyPages', args: '{ pageCount: 50, defaultPage: 25 }' }],
    notes: {
      design: ['the current page filled with the accent, others quiet; gaps as an ellipsis'],
      logic: ['nav labelled "Pagination"; aria-current="page"; Previous/Next disabled at the ends; page changes reported with onPageChange'],
      performance: [`at most seven buttons whatever the page count (${pageCount} planned)`],
    },
  });
}
