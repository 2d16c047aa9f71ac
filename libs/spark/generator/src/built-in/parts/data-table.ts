// Data table (WAI-ARIA APG "sortable table"): a real <table> with a caption, column headers that are
// buttons and carry aria-sort, a labelled filter, and pagination in a labelled nav. Rows come as a
// prop or from an async loader (loading, error, empty). Sorting and filtering are memoised and only
// one page of rows is in the DOM, so thousands of rows stay fast.
import type { TComponentPlan } from '../../types';
import { humanise, literal, sentence, storiesHeader, testHeader } from '../part-kit';
import { type TPartBuild, type TPartContext, VIRTUALISE_ABOVE } from '../part';
import { fieldIdentifiers, sampleRows } from '../sample-data';

const DEFAULT_FIELDS = ['name', 'email', 'role'];

export function buildDataTable(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  const name = plan.name;
  const style = context.design;
  const density = style.density;
  const fields = fieldIdentifiers(plan.data.fields, DEFAULT_FIELDS);
  const isAsync = plan.data.source === 'async';
  const subject = humanise(name).replace(/ (table|grid|list)$/, '') || 'rows';
  const isLarge = context.performance.virtualise || (plan.data.itemCount ?? 0) > VIRTUALISE_ABOVE;
  const pageSize = density.isCompact ? 10 : 5;
  const rowType = `${name}Row`;
  const fieldType = `${name}Field`;
  const striped = style.id === 'raised' ? ' even:bg-surface-sunken' : '';

  const source = `import { useEffect, useId, useMemo, useState } from 'react';

export type ${rowType} = { id: string; ${fields.map((field) => `${field}: string`).join('; ')} };
export type ${fieldType} = ${fields.map(literal).join(' | ')};
type SortState = { field: ${fieldType}; direction: 'ascending' | 'descending' } | null;

const COLUMNS: ReadonlyArray<{ field: ${fieldType}; label: string }> = [
${fields.map((field) => `  { field: ${literal(field)}, label: ${literal(sentence(humanise(field)))} },`).join('\n')}
];

export type ${name}Props = {
${
  isAsync
    ? `  /** Loads the rows; the table shows a loading state, then the rows or the error. */
  loadRows: () => Promise<${rowType}[]>;`
    : `  rows: ${rowType}[];
  /** Shows the loading state instead of the rows. */
  isLoading?: boolean;
  /** An error message shown instead of the rows. */
  error?: string | null;`
}
  caption?: string;
  /** Rows per page. */
  pageSize?: number;
  onRowSelect?: (row: ${rowType}) => void;
};

export function ${name}({
  ${isAsync ? 'loadRows' : 'rows, isLoading = false, error = null'},
  caption = ${literal(sentence(subject))},
  pageSize = ${pageSize},
  onRowSelect,
}: ${name}Props) {
  const filterId = useId();
${
  isAsync
    ? `  const [rows, setRows] = useState<${rowType}[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    setError(null);
    loadRows()
      .then((loaded) => {
        if (isCurrent) setRows(loaded);
      })
      .catch((reason: unknown) => {
        if (isCurrent) setError(reason instanceof Error ? reason.message : 'The rows could not be loaded.');
      })
      .finally(() => {
        if (isCurrent) setIsLoading(false);
      });
    return () => {
      isCurrent = false;
    };
  }, [loadRows]);
`
    : ''
}  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState>(null);
  const [page, setPage] = useState(1);

  const visibleRows = useMemo(() => {
    const query = filter.trim().toLowerCase();
    const filtered = query
      ? rows.filter((row) => COLUMNS.some(({ field }) => row[field].toLowerCase().includes(query)))
      : rows;
    if (!sort) return filtered;
    const factor = sort.direction === 'ascending' ? 1 : -1;
    return [...filtered].sort(
      (a, b) => factor * a[sort.field].localeCompare(b[sort.field], undefined, { numeric: true }),
    );
  }, [rows, filter, sort]);

  const pageCount = Math.max(1, Math.ceil(visibleRows.length / pageSize));
  const currentPage = Math.min(page, pageCount);
  const pageRows = visibleRows.slice((currentPage - 1) * pageSize, currentPage * pageSize);

  function handleSort(field: ${fieldType}) {
    setSort((current) =>
      current?.field === field && current.direction === 'ascending'
        ? { field, direction: 'descending' }
        : { field, direction: 'ascending' },
    );
  }

  function handleFilterChange(value: string) {
    setFilter(value);
    setPage(1);
  }

  return (
    <div className="flex flex-col ${density.gap} ${style.panel} ${density.body}">
      <div className="flex flex-col gap-1">
        <label htmlFor={filterId} className="text-sm font-medium text-fg">
          Filter ${subject}
        </label>
        <input
          id={filterId}
          type="search"
          value={filter}
          onChange={(event) => handleFilterChange(event.target.value)}
          placeholder="Type to filter"
          className="${style.field} ${density.control}"
        />
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-danger-surface ${density.cell} text-sm text-danger-text">
          {error}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left ${density.text}" aria-busy={isLoading}>
            <caption className="pb-2 text-left text-lg font-semibold text-fg">{caption}</caption>
            <thead className="${style.band}">
              <tr>
                {COLUMNS.map(({ field, label }) => (
                  <th
                    key={field}
                    scope="col"
                    aria-sort={sort?.field === field ? sort.direction : 'none'}
                    className="${density.cell} font-semibold text-fg"
                  >
                    <button
                      type="button"
                      onClick={() => handleSort(field)}
                      className="inline-flex items-center gap-1 ${style.ghostButton}"
                    >
                      {label}
                      <span aria-hidden="true" className="text-fg-subtle">
                        {sort?.field === field ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {isLoading ? (
                <tr>
                  <td colSpan={COLUMNS.length} className="${density.cell} text-fg-muted">
                    <span role="status">Loading ${subject}…</span>
                  </td>
                </tr>
              ) : pageRows.length === 0 ? (
                <tr>
                  <td colSpan={COLUMNS.length} className="${density.cell} text-center text-fg-muted">
                    {filter ? 'No ${subject} match “' + filter + '”.' : 'No ${subject} yet.'}
                  </td>
                </tr>
              ) : (
                pageRows.map((row) => (
                  <tr
                    key={row.id}
                    onClick={onRowSelect ? () => onRowSelect(row) : undefined}
                    className="hover:bg-surface-sunken${striped}"
                  >
                    {COLUMNS.map(({ field }) => (
                      <td key={field} className="${density.cell} text-fg">
                        {row[field]}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label=${literal(`${sentence(subject)} pages`)} className="flex items-center justify-between ${density.gap}">
        <button
          type="button"
          onClick={() => setPage(currentPage - 1)}
          disabled={currentPage <= 1 || isLoading}
          className="${style.secondaryButton} ${density.control}"
        >
          Previous
        </button>
        <span aria-live="polite" className="text-sm text-fg-muted">
          Page {currentPage} of {pageCount}
        </span>
        <button
          type="button"
          onClick={() => setPage(currentPage + 1)}
          disabled={currentPage >= pageCount || isLoading}
          className="${style.secondaryButton} ${density.control}"
        >
          Next
        </button>
      </nav>
    </div>
  );
}
`;

  const rows = sampleRows(fields, pageSize * 2 + 2);
  const first = fields[0] as string;
  const firstLabel = sentence(humanise(first));
  const sortedValues = rows.map((row) => row[first] as string).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const smallest = sortedValues[0] as string;
  const largest = sortedValues[sortedValues.length - 1] as string;
  const needle = rows[1]?.[first] as string;
  const rowsLiteral = `[\n${rows.map((row) => `  { ${['id', ...fields].map((key) => `${key}: ${literal(row[key] as string)}`).join(', ')} },`).join('\n')}\n]`;
  const renderTable = isAsync ? `render(<${name} loadRows={() => Promise.resolve(ROWS)} />);\n    await screen.findByText(${literal(rows[0]?.[first] as string)});` : `render(<${name} rows={ROWS} />);`;

  const tests = `${testHeader(name, ['render', 'screen', 'within'])}
const ROWS = ${rowsLiteral};

function bodyRows() {
  const [, ...body] = screen.getAllByRole('row');
  return body;
}

describe('${name}', () => {
  it('shows the first page of rows under a caption', async () => {
    ${renderTable}
    expect(screen.getByRole('table', { name: ${literal(sentence(subject))} })).toBeTruthy();
    expect(bodyRows()).toHaveLength(${pageSize});
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
  });

  it('sorts by a column, ascending then descending, and says so with aria-sort', async () => {
    const user = userEvent.setup();
    ${renderTable}
    const header = screen.getByRole('columnheader', { name: /${firstLabel}/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(within(bodyRows()[0] as HTMLElement).getByText(${literal(smallest)})).toBeTruthy();
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(within(bodyRows()[0] as HTMLElement).getByText(${literal(largest)})).toBeTruthy();
  });

  it('filters rows and says when nothing matches', async () => {
    const user = userEvent.setup();
    ${renderTable}
    const filter = screen.getByLabelText(${literal(`Filter ${subject}`)});
    await user.type(filter, ${literal(needle)});
    expect(bodyRows()).toHaveLength(1);
    await user.clear(filter);
    await user.type(filter, 'no such value');
    expect(screen.getByText(/No ${subject} match/)).toBeTruthy();
  });

  it('pages with the keyboard and disables the ends', async () => {
    const user = userEvent.setup();
    ${renderTable}
    const previous = screen.getByRole('button', { name: 'Previous' });
    const next = screen.getByRole('button', { name: 'Next' });
    expect((previous as HTMLButtonElement).disabled).toBe(true);
    next.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByText('Page 2 of 3')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(screen.getByText('Page 3 of 3')).toBeTruthy();
    expect((next as HTMLButtonElement).disabled).toBe(true);
  });
${
  isAsync
    ? `
  it('shows a loading state, then the error when loading fails', async () => {
    let fail: (reason: Error) => void = () => undefined;
    render(<${name} loadRows={() => new Promise((_, reject) => { fail = reject; })} />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
    fail(new Error('The server is unavailable.'));
    expect((await screen.findByRole('alert')).textContent).toBe('The server is unavailable.');
  });

  it('says when there are no rows', async () => {
    render(<${name} loadRows={() => Promise.resolve([])} />);
    expect(await screen.findByText('No ${subject} yet.')).toBeTruthy();
  });
`
    : `
  it('shows loading, error and empty states', () => {
    const { rerender } = render(<${name} rows={ROWS} isLoading />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
    rerender(<${name} rows={ROWS} error="The rows could not be loaded." />);
    expect(screen.getByRole('alert').textContent).toBe('The rows could not be loaded.');
    rerender(<${name} rows={[]} />);
    expect(screen.getByText('No ${subject} yet.')).toBeTruthy();
  });

  it('reports the row a person selects', async () => {
    const user = userEvent.setup();
    const onRowSelect = vi.fn();
    render(<${name} rows={ROWS} onRowSelect={onRowSelect} />);
    await user.click(screen.getByText(${literal(rows[0]?.[first] as string)}));
    expect(onRowSelect).toHaveBeenCalledWith(ROWS[0]);
  });
`
}});
`;

  const stories = `${storiesHeader(name, `const ROWS = ${rowsLiteral};`)}  args: {
    ${isAsync ? 'loadRows: async () => ROWS' : 'rows: ROWS, onRowSelect: fn()'},
  },
} satisfies Meta<typeof ${name}>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const header = await canvas.findByRole('columnheader', { name: /${firstLabel}/ });
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(canvas.getByText('Page 2 of 3')).toBeInTheDocument();
  },
};

export const Empty: Story = {
  args: { ${isAsync ? 'loadRows: async () => []' : 'rows: []'} },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No ${subject} yet.')).toBeInTheDocument();
  },
};

export const Failed: Story = {
  args: { ${isAsync ? "loadRows: async () => { throw new Error('The server is unavailable.'); }" : "error: 'The server is unavailable.'"} },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('The server is unavailable.');
  },
};
`;

  return {
    source,
    tests,
    stories,
    sampleProps: isAsync ? `{ loadRows: async () => ${rowsLiteral} }` : `{ rows: ${rowsLiteral} }`,
    notes: {
      design: [
        `${style.label} table with ${density.isCompact ? 'compact' : 'comfortable'} cells${striped ? ' and striped rows' : ''}`,
        'sortable column headers are buttons with a sort arrow; filter and pages sit above and below',
      ],
      logic: [
        `${isAsync ? 'rows loaded by loadRows() with loading and error states' : 'rows passed as a prop, with isLoading and error props'}`,
        `sort (aria-sort ascending/descending), filter across ${fields.join(', ')}, ${pageSize} rows per page`,
      ],
      performance: [
        'filtering and sorting memoised on rows, filter and sort',
        isLarge
          ? `only one page of the ${plan.data.itemCount} rows is rendered at a time`
          : 'only the current page of rows is rendered',
      ],
    },
  };
}
