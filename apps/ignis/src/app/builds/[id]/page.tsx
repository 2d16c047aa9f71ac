import Link from 'next/link';
import { notFound } from 'next/navigation';
import { describeIsolation } from '@lumenforge/ignis-sandbox/isolation';
import { BuildRepository } from '@lumenforge/ignis-builds/store';
import { ProjectFileRepository } from '@lumenforge/ignis-workspace/files';
import { LINK, PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../../auth';
import { getRuntime } from '../../../runtime';
import { BuildDetail, type TCauseLink } from '../_components/build-detail';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function BuildPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await auth.requirePagePermission('builds.read');
  const runtime = getRuntime();
  const build = UUID.test(id) ? await new BuildRepository(runtime.db).get(id, principal.workspaceId) : null;
  if (!build) notFound();

  // What caused it, linked: the component in SPARK, the commit in its repository, or the project here.
  const links: TCauseLink[] = [];
  if (build.projectId) {
    const project = await runtime.db.project.findFirst({
      where: { id: build.projectId, workspaceId: principal.workspaceId },
      select: { id: true, name: true, repositoryUrl: true },
    });
    if (project) {
      links.push({ label: `Project ${project.name}`, href: `/projects/${project.id}` });
      if (build.causeKind === 'save' && build.causeRef) {
        const current = await new ProjectFileRepository(runtime.db).revision(project.id);
        links.push({
          label: `Saved revision ${build.causeRef.slice(0, 12)}${build.causeRef === current ? ' (current)' : ' (since changed)'}`,
          href: `/projects/${project.id}?revision=${build.causeRef}`,
        });
      }
      if (build.causeKind === 'commit' && build.causeRef && project.repositoryUrl)
        links.push({
          label: `Commit ${build.causeRef.slice(0, 7)}`,
          href: `${project.repositoryUrl.replace(/\/$/, '')}/commit/${build.causeRef}`,
        });
    }
  }
  if (build.componentId && build.target) {
    const version = build.causeRef?.includes('@') ? ` v${build.causeRef.split('@')[1]}` : '';
    links.push({
      label: `${build.causeKind === 'component' ? 'Published component' : 'Component'} ${build.target.name}${version}`,
      href: `${runtime.systemUrls.spark}/components/${build.componentId}`,
    });
  }
  const title =
    build.kind === 'component-library'
      ? 'Component library build'
      : `Build of ${build.target?.name ?? build.kind}`;
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <PageHeader
        title={title}
        description={<span className="break-all font-mono text-xs">{build.id}</span>}
        actions={
          <Link className={LINK} href="/builds">
            ← All builds
          </Link>
        }
      />
      <BuildDetail
        initial={build}
        causeLinks={links}
        canCancel={auth.can(principal, 'builds.run')}
        isolation={describeIsolation('build').summary}
      />
    </main>
  );
}
