import type { TComponentDetail } from '@lumenforge/db';
import { formatDateTime } from '@lumenforge/ui/format';
import { LINK, PageHeader, Section, TABLE, TABLE_WRAPPER, TableHead, TD } from '@lumenforge/ui/page-parts';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { cache } from 'react';
import { auth } from '../../../auth';
import { componentLibrary } from '../../../components';
import { SparkNav } from '../../_components/spark-nav';
import { ComponentStatusBadge, ORIGIN_LABELS } from '../_components/component-status-badge';
import { CopyButton } from '@lumenforge/ui/copy-button';

type TParams = { params: Promise<{ id: string }> };

/** One component of the signed-in user's workspace, or null (unknown, malformed or another workspace's id). */
const loadComponent = cache(async (id: string): Promise<TComponentDetail | null> => {
  const principal = await auth.currentPrincipal();
  if (!principal || !auth.can(principal, 'components.read')) return null;
  return componentLibrary().findById(principal.workspaceId, id);
});

export async function generateMetadata({ params }: TParams) {
  const component = await loadComponent((await params).id);
  return {
    title: { absolute: `${component ? component.name : 'Component not found'} · Spark · LumenForge` },
  };
}

function CodeBlock({
  title,
  id,
  code,
  testId,
}: {
  title: string;
  id: string;
  code: string;
  testId?: string;
}) {
  return (
    <Section id={id} title={title} actions={<CopyButton text={code} label={`Copy ${title.toLowerCase()}`} />}>
      <pre
        className="max-h-[36rem] overflow-auto rounded-lg border border-border bg-surface-sunken p-4 font-mono text-xs leading-relaxed"
        data-testid={testId}
        tabIndex={0}
        aria-label={title}
      >
        <code>{code}</code>
      </pre>
    </Section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/** A component: what it is, who made it, its latest source (with tests and stories) and its versions. */
export default async function ComponentPage({ params }: TParams) {
  await auth.pageAccess();
  const component = await loadComponent((await params).id);
  if (!component) notFound();
  const { latest } = component;

  return (
    <>
      <SparkNav current="components" />
      <div className="space-y-8">
        <div className="space-y-3">
          <a href="/components" className={`${LINK} text-sm`}>
            ← All components
          </a>
          <PageHeader
            title={component.name}
            description={component.description || <span className="text-fg-subtle">No description</span>}
            actions={<ComponentStatusBadge status={component.status} />}
          />
          <dl className="grid gap-4 rounded-lg border border-border bg-surface p-4 sm:grid-cols-2 lg:grid-cols-5">
            <Fact label="Latest version">
              <span className="tabular-nums">v{component.latestVersion}</span>
            </Fact>
            <Fact label="Category">{component.category ?? <span className="text-fg-subtle">None</span>}</Fact>
            <Fact label="Origin">{ORIGIN_LABELS[component.origin]}</Fact>
            <Fact label="Created by">
              {component.createdBy?.name ?? <span className="text-fg-subtle">Unknown</span>}
            </Fact>
            <Fact label="Created">
              <time dateTime={component.createdAt.toISOString()}>{formatDateTime(component.createdAt)}</time>
            </Fact>
          </dl>
        </div>

        <CodeBlock title="Source" id="source" code={latest.source} testId="component-source" />
        {latest.tests ? <CodeBlock title="Tests" id="tests" code={latest.tests} /> : null}
        {latest.stories ? <CodeBlock title="Stories" id="stories" code={latest.stories} /> : null}

        <Section
          id="versions"
          title="Versions"
          description="Every saved version, newest first. A version never changes once saved."
        >
          <div className={TABLE_WRAPPER}>
            <table className={TABLE} aria-label="Versions">
              <TableHead columns={['Version', 'Author', 'Saved', 'Prompt']} />
              <tbody>
                {component.versions.map((version) => (
                  <tr key={version.id}>
                    <td className={`${TD} tabular-nums`}>
                      v{version.number}
                      {version.number === component.latestVersion ? (
                        <span className="ml-2 text-xs text-fg-muted">(latest)</span>
                      ) : null}
                    </td>
                    <td className={TD}>
                      {version.author?.name ?? <span className="text-fg-subtle">Unknown</span>}
                    </td>
                    <td className={`${TD} whitespace-nowrap text-fg-muted`}>
                      <time dateTime={version.createdAt.toISOString()}>
                        {formatDateTime(version.createdAt)}
                      </time>
                    </td>
                    <td className={`${TD} max-w-xl`}>
                      {version.prompt ? (
                        <span className="line-clamp-3 whitespace-pre-line">{version.prompt}</span>
                      ) : (
                        <span className="text-fg-subtle">No prompt</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      </div>
    </>
  );
}
