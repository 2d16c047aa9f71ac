import type { TComponentDetail, TComponentVersion } from '@lumenforge/db';
import { queryToObject } from '@lumenforge/runtime/server';
import { diffLines } from '@lumenforge/spark-generator';
import { LineDiff } from '@lumenforge/ui/line-diff';
import { CopyButton } from '@lumenforge/ui/copy-button';
import { formatDateTime } from '@lumenforge/ui/format';
import {
  Badge,
  BUTTON_SECONDARY,
  INPUT,
  LABEL,
  LINK,
  Notice,
  PageHeader,
  Section,
  TABLE,
  TABLE_WRAPPER,
  TableHead,
  TD,
} from '@lumenforge/ui/page-parts';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { cache } from 'react';
import { auth } from '../../../auth';
import { componentLibrary } from '../../../components';
import { SparkNav } from '../../_components/spark-nav';
import { ComponentStatusBadge, ORIGIN_LABELS } from '../_components/component-status-badge';
import { VersionActions } from './_components/version-actions';

type TParams = { params: Promise<{ id: string }> };
type TSearch = { searchParams: Promise<{ version?: string | string[]; compare?: string | string[] }> };

const GENERATOR_LABELS: Record<NonNullable<TComponentVersion['generator']>, string> = {
  'built-in': 'Built-in generator',
  'openai-compatible': 'LLM (OpenAI-compatible)',
};

/** A version number from the query, or null when absent or not one of the component's versions. */
function versionParam(value: string | undefined, latest: number): number | null {
  if (!value || !/^\d{1,7}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 && number <= latest ? number : null;
}

/** The token version as people read it: the published semver, or the default set before a publish. */
function tokenLabel(tokenVersion: string | null): string {
  if (tokenVersion === null) return 'Not recorded';
  return tokenVersion === 'default' ? 'Default set' : `v${tokenVersion}`;
}

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

/**
 * A component: what it is, who made it, one version's source (with tests and stories; the latest by
 * default, `?version=n`), the diff from another version (`?compare=m`, by default the one before),
 * and every version with restore and publish.
 */
export default async function ComponentPage({ params, searchParams }: TParams & TSearch) {
  const { principal } = await auth.pageAccess();
  const component = await loadComponent((await params).id);
  if (!component) notFound();
  const query = queryToObject(await searchParams);
  const shownNumber = versionParam(query.version, component.latestVersion) ?? component.latestVersion;
  const library = componentLibrary();
  const latest =
    shownNumber === component.latestVersion
      ? component.latest
      : ((await library.findVersion(component.workspaceId, component.id, shownNumber)) ?? component.latest);
  const compareNumber =
    versionParam(query.compare, component.latestVersion) ?? (latest.number > 1 ? latest.number - 1 : null);
  const compared =
    compareNumber !== null && compareNumber !== latest.number
      ? await library.findVersion(component.workspaceId, component.id, compareNumber)
      : null;
  const canChange = auth.can(principal, 'components.generate');
  const isLatest = latest.number === component.latestVersion;
  const files = [
    { file: `${component.name}.tsx`, before: compared?.source ?? '', after: latest.source },
    { file: `${component.name}.test.tsx`, before: compared?.tests ?? '', after: latest.tests ?? '' },
    { file: `${component.name}.stories.tsx`, before: compared?.stories ?? '', after: latest.stories ?? '' },
  ];

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
          <dl className="grid gap-4 rounded-lg border border-border bg-surface p-4 sm:grid-cols-2 lg:grid-cols-4">
            <Fact label="Latest version">
              <span className="tabular-nums">v{component.latestVersion}</span>
            </Fact>
            <Fact label="Published">
              {component.publishedVersion ? (
                <span className="tabular-nums" data-testid="published-version">
                  v{component.publishedVersion}
                </span>
              ) : (
                <span className="text-fg-subtle">Not published</span>
              )}
            </Fact>
            <Fact label={`Tokens of v${latest.number}`}>
              <span data-testid="token-version">{tokenLabel(latest.tokenVersion)}</span>
            </Fact>
            <Fact label="Generated by">
              {latest.generator ? (
                GENERATOR_LABELS[latest.generator]
              ) : (
                <span className="text-fg-subtle">By hand</span>
              )}
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

        <Section
          id="shown-version"
          title={`Version ${latest.number}${isLatest ? ' (latest)' : ''}`}
          description={
            latest.prompt ? (
              <>
                Prompt: <span className="whitespace-pre-line">{latest.prompt}</span>
              </>
            ) : (
              'Saved without a prompt (written or edited by hand).'
            )
          }
          actions={
            canChange ? (
              <VersionActions
                componentId={component.id}
                version={latest.number}
                latestVersion={component.latestVersion}
                publishedVersion={component.publishedVersion}
              />
            ) : null
          }
        >
          {!isLatest ? (
            <Notice tone="info">
              You are looking at v{latest.number} of {component.latestVersion}.{' '}
              <a className={LINK} href={`/components/${component.id}`}>
                Show the latest
              </a>
            </Notice>
          ) : null}
        </Section>

        <Section
          id="changes"
          title={compared ? `Changes from v${compared.number} to v${latest.number}` : 'Changes'}
          description={
            compared
              ? 'Line by line: removed lines are marked −, added ones +.'
              : 'Version 1 has nothing before it. Pick another version to compare with.'
          }
        >
          {component.latestVersion > 1 ? (
            <form method="get" className="mb-3 flex flex-wrap items-end gap-2" aria-label="Compare versions">
              <input type="hidden" name="version" value={latest.number} />
              <div>
                <label htmlFor="compare-version" className={LABEL}>
                  Compare v{latest.number} with
                </label>
                <select
                  id="compare-version"
                  name="compare"
                  defaultValue={compared?.number ?? ''}
                  className={`${INPUT} mt-1 w-40`}
                >
                  {component.versions
                    .filter((version) => version.number !== latest.number)
                    .map((version) => (
                      <option key={version.id} value={version.number}>
                        v{version.number}
                      </option>
                    ))}
                </select>
              </div>
              <button type="submit" className={BUTTON_SECONDARY}>
                Compare
              </button>
            </form>
          ) : null}
          {compared ? (
            <div className="space-y-3">
              {files.map(({ file, before, after }) => (
                <LineDiff
                  key={file}
                  fileName={file}
                  testId={`diff-${file}`}
                  lines={diffLines(before, after)}
                />
              ))}
            </div>
          ) : null}
        </Section>

        <CodeBlock title="Source" id="source" code={latest.source} testId="component-source" />
        {latest.tests ? <CodeBlock title="Tests" id="tests" code={latest.tests} /> : null}
        {latest.stories ? <CodeBlock title="Stories" id="stories" code={latest.stories} /> : null}

        <Section
          id="versions"
          title="Versions"
          description="Every saved version, newest first. A version never changes once saved: restoring one saves its files as a new version."
        >
          <div className={TABLE_WRAPPER}>
            <table className={TABLE} aria-label="Versions">
              <TableHead columns={['Version', 'Author', 'Saved', 'Tokens', 'Prompt', 'Open']} />
              <tbody>
                {component.versions.map((version) => (
                  <tr key={version.id}>
                    <td className={`${TD} tabular-nums`}>
                      v{version.number}
                      {version.number === component.latestVersion ? (
                        <span className="ml-2 text-xs text-fg-muted">(latest)</span>
                      ) : null}
                      {version.number === component.publishedVersion ? (
                        <span className="ml-2">
                          <Badge tone="success">Published</Badge>
                        </span>
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
                    <td className={`${TD} whitespace-nowrap`}>{tokenLabel(version.tokenVersion)}</td>
                    <td className={`${TD} max-w-xl`}>
                      {version.prompt ? (
                        <span className="line-clamp-3 whitespace-pre-line">{version.prompt}</span>
                      ) : (
                        <span className="text-fg-subtle">No prompt</span>
                      )}
                    </td>
                    <td className={`${TD} whitespace-nowrap`}>
                      {version.number === latest.number ? (
                        <span className="text-fg-muted">Shown</span>
                      ) : (
                        <a
                          className={LINK}
                          href={`/components/${component.id}?version=${version.number}`}
                          aria-label={`Show version ${version.number}`}
                        >
                          Show v{version.number}
                        </a>
                      )}
                      {version.number > 1 ? (
                        <>
                          {' · '}
                          <a
                            className={LINK}
                            href={`/components/${component.id}?version=${version.number}&compare=${version.number - 1}#changes`}
                            aria-label={`Diff of version ${version.number} with version ${version.number - 1}`}
                          >
                            Diff
                          </a>
                        </>
                      ) : null}
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
