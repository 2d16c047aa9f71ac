import { formatDate, plural } from '@lumenforge/ui/format';
import {
  BUTTON_PRIMARY,
  BUTTON_SECONDARY,
  INPUT,
  LABEL,
  LINK,
  PageHeader,
  TABLE,
  TABLE_WRAPPER,
  TableHead,
  TD,
} from '@lumenforge/ui/page-parts';
import { queryToObject } from '@lumenforge/runtime/server';
import { auth } from '../../auth';
import { componentLibrary } from '../../components';
import { SparkNav } from '../_components/spark-nav';
import { ComponentStatusBadge } from './_components/component-status-badge';

export const metadata = { title: { absolute: 'Components · Spark · LumenForge' } };

const PATH = '/components';
const MAX_QUERY_LENGTH = 200;
const PAGE_SIZE = 200;

const COLUMNS = ['Name', 'Description', 'Category', 'Version', 'Status', 'Updated'] as const;

/** The workspace's component library: search by name, description or category; newest changes first. */
export default async function ComponentsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { principal } = await auth.pageAccess();
  const query = (queryToObject(await searchParams).q ?? '').slice(0, MAX_QUERY_LENGTH);
  const library = componentLibrary();
  const [components, count] = await Promise.all([
    library.list(principal.workspaceId, { ...(query ? { query } : {}), limit: PAGE_SIZE }),
    library.count(principal.workspaceId),
  ]);
  const canCreate = auth.can(principal, 'components.generate');
  const newButton = canCreate ? (
    <a href="/components/new" className={BUTTON_PRIMARY}>
      New component
    </a>
  ) : null;

  return (
    <>
      <SparkNav current="components" />
      <div className="space-y-5">
        <PageHeader
          title="Components"
          description={`Your workspace’s components and their versions. ${plural(count, 'component')} in the library.`}
          actions={newButton}
        />

        <form
          method="get"
          action={PATH}
          role="search"
          aria-label="Search components"
          className="flex flex-wrap items-end gap-3"
        >
          <div className="w-72">
            <label htmlFor="components-search" className={LABEL}>
              Name, description or category
            </label>
            <input
              id="components-search"
              name="q"
              type="search"
              maxLength={MAX_QUERY_LENGTH}
              defaultValue={query}
              placeholder="Search components"
              className={`${INPUT} mt-1`}
            />
          </div>
          <button type="submit" className={BUTTON_SECONDARY}>
            Search
          </button>
          {query ? (
            <a href={PATH} className={LINK}>
              Clear search
            </a>
          ) : null}
        </form>

        {components.length > 0 ? (
          <>
            <div className={TABLE_WRAPPER}>
              <table className={TABLE} aria-label="Components">
                <TableHead columns={COLUMNS} />
                <tbody>
                  {components.map((component) => (
                    <tr key={component.id} data-testid="component-row">
                      <td className={TD}>
                        <a href={`/components/${component.id}`} className={`${LINK} font-mono`}>
                          {component.name}
                        </a>
                      </td>
                      <td className={`${TD} max-w-md text-fg-muted`}>
                        {component.description ? (
                          <span className="line-clamp-2">{component.description}</span>
                        ) : (
                          <span className="text-fg-subtle">No description</span>
                        )}
                      </td>
                      <td className={TD}>
                        {component.category ?? <span className="text-fg-subtle">—</span>}
                      </td>
                      <td className={`${TD} tabular-nums`}>v{component.latestVersion}</td>
                      <td className={TD}>
                        <ComponentStatusBadge status={component.status} />
                      </td>
                      <td className={`${TD} whitespace-nowrap text-fg-muted`}>
                        <time dateTime={component.updatedAt.toISOString()}>
                          {formatDate(component.updatedAt)}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="text-xs text-fg-subtle" role="status">
              {query
                ? `${plural(components.length, 'component')} match “${query}”`
                : `Showing ${plural(components.length, 'component')}, recently changed first`}
              {components.length === PAGE_SIZE ? ` (the first ${PAGE_SIZE}; search to narrow down)` : ''}
            </p>
          </>
        ) : query ? (
          <div className="rounded-lg border border-dashed border-border p-8 text-center" role="status">
            <p className="font-medium">No components match “{query}”</p>
            <p className="mt-1 text-sm text-fg-muted">Search looks at names, descriptions and categories.</p>
            <a href={PATH} className={`${LINK} mt-3 inline-block text-sm`}>
              Show all components
            </a>
          </div>
        ) : (
          <div className="rounded-lg border border-dashed border-border p-8 text-center" role="status">
            <p className="font-medium">No components yet</p>
            <p className="mt-1 text-sm text-fg-muted">
              {canCreate
                ? 'Save your first component: its source becomes version 1, and every change after it a new version.'
                : 'Engineers and admins can add components; they will appear here.'}
            </p>
            {canCreate ? (
              <a href="/components/new" className={`${BUTTON_PRIMARY} mt-4`}>
                Create a component
              </a>
            ) : null}
          </div>
        )}
      </div>
    </>
  );
}
