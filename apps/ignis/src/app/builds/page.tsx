import Link from 'next/link';
import { describeIsolation } from '@lumenforge/ignis-sandbox/isolation';
import { BuildRepository, type TBuildView } from '@lumenforge/ignis-builds/store';
import { Badge, LINK, Notice, PageHeader, Section } from '@lumenforge/ui/page-parts';
import { auth } from '../../auth';
import { getRuntime } from '../../runtime';
import { AutoRefresh } from './_components/auto-refresh';
import { BuildCharts, type TBuildPoint } from './_components/build-charts';
import { formatBytes, formatMs, STATUS_TONE } from './_components/build-format';
import { StartBuild, type TBuildable } from './_components/start-build';

export const dynamic = 'force-dynamic';

function targetLabel(build: TBuildView): string {
  if (build.kind === 'component-library') return 'Component library';
  return build.target?.name ?? (build.kind === 'project' ? 'Project' : 'Component');
}

function causeLabel(build: TBuildView): string {
  if (build.causeKind === 'component')
    return `published ${build.target?.name ?? 'a component'}${build.causeRef?.includes('@') ? ` v${build.causeRef.split('@')[1]}` : ''}`;
  if (build.causeKind === 'commit') return `commit ${build.causeRef?.slice(0, 7) ?? ''}`;
  if (build.causeKind === 'save') return `saved revision ${build.causeRef?.slice(0, 7) ?? ''}`;
  return build.trigger.replace('_', ' ');
}

export default async function BuildsPage() {
  const principal = await auth.requirePagePermission('builds.read');
  const db = getRuntime().db;
  const builds = await new BuildRepository(db).list(principal.workspaceId, { limit: 50 });
  const canRun = auth.can(principal, 'builds.run');
  const [projects, publishedCount] = canRun
    ? await Promise.all([
        db.project.findMany({
          where: { workspaceId: principal.workspaceId },
          orderBy: { name: 'asc' },
          take: 100,
          select: { id: true, name: true },
        }),
        db.component.count({ where: { workspaceId: principal.workspaceId, status: 'published' } }),
      ])
    : [[], 0];
  const options: TBuildable[] = [
    ...projects.map((project) => ({ value: project.id, label: `Project: ${project.name}` })),
    ...(publishedCount > 0
      ? [{ value: 'component-library', label: `Component library (${publishedCount} published)` }]
      : []),
  ];
  const points: TBuildPoint[] = builds
    .filter((build) => build.status === 'succeeded' && build.metrics)
    .slice(0, 30)
    .reverse()
    .map((build) => ({
      id: build.id,
      label: build.createdAt.slice(5, 16).replace('T', ' '),
      totalBytes: build.metrics?.totalBytes ?? 0,
      gzipBytes: build.metrics?.gzipBytes ?? 0,
      durationMs: build.durationMs ?? 0,
    }));
  const isolation = describeIsolation('build');
  const isActive = builds.some((build) => build.status === 'queued' || build.status === 'running');

  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6">
      <AutoRefresh isActive={isActive} />
      <PageHeader
        title="Builds"
        description="Production builds of projects and the component library: type-check, tests, Vite bundle, image optimisation, with sizes and timings per build."
        actions={
          <Link className={LINK} href="/">
            ← Projects
          </Link>
        }
      />
      <Notice tone="info" testId="isolation">
        <strong>{isolation.summary}.</strong>{' '}
        {isolation.limitations
          .map((limitation) => `${limitation.charAt(0).toUpperCase()}${limitation.slice(1)}.`)
          .join(' ')}
      </Notice>
      {canRun ? (
        <Section id="run" title="Run a build">
          <StartBuild options={options} />
        </Section>
      ) : null}
      <Section
        id="trends"
        title="Size and time"
        description="Finished builds of this workspace, oldest to newest."
      >
        <BuildCharts points={points} />
      </Section>
      <Section id="history" title="History">
        {builds.length === 0 ? (
          <p className="text-sm text-fg-muted">No builds yet.</p>
        ) : (
          <ol className="flex flex-col gap-2" data-testid="build-history">
            {builds.map((build) => (
              <li key={build.id} className="rounded-lg border border-border bg-surface px-3 py-2">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Badge tone={STATUS_TONE[build.status]}>{build.status}</Badge>
                  <Link className={`${LINK} min-w-0 break-words`} href={`/builds/${build.id}`}>
                    {targetLabel(build)}
                  </Link>
                  <span className="text-xs text-fg-muted">{causeLabel(build)}</span>
                  <span className="ml-auto flex flex-wrap gap-x-3 text-xs text-fg-muted">
                    <time dateTime={build.createdAt}>{build.createdAt.slice(0, 16).replace('T', ' ')}</time>
                    <span>{formatMs(build.durationMs)}</span>
                    <span>{formatBytes(build.metrics?.totalBytes ?? null)}</span>
                    {build.reusedFromBuildId ? <span>reused</span> : null}
                  </span>
                </div>
                {build.error ? (
                  <p className="mt-1 truncate text-xs text-danger-text" title={build.error}>
                    {build.error}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </main>
  );
}
