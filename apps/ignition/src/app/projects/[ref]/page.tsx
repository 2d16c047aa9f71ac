import type { TBuildSummary, TDeploymentSummary } from '@lumenforge/db';
import { createRepositories } from '@lumenforge/db/server';
import { formatDateTime, plural } from '@lumenforge/ui/format';
import {
  Badge,
  LINK,
  PageHeader,
  Section,
  TABLE,
  TABLE_WRAPPER,
  TableHead,
  TD,
  type TTone,
} from '@lumenforge/ui/page-parts';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { auth } from '../../../auth';
import { getRuntime } from '../../../runtime';
import { IgnitionNav } from '../../_components/ignition-nav';

type TParams = { params: Promise<{ ref: string }> };

const BUILD_TONES: Record<TBuildSummary['status'], TTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'warning',
};
const DEPLOYMENT_TONES: Record<TDeploymentSummary['status'], TTone> = {
  pending: 'neutral',
  in_progress: 'info',
  succeeded: 'success',
  failed: 'danger',
  rolled_back: 'warning',
};

/** One read per request, shared by the metadata and the page. Search links by slug, activity by id. */
const loadProject = cache(async (ref: string) => {
  const principal = await auth.requirePagePermission('projects.read');
  return createRepositories(getRuntime().db).projectWork.projectDetail(
    principal.workspaceId,
    decodeURIComponent(ref),
  );
});

export async function generateMetadata({ params }: TParams) {
  const detail = await loadProject((await params).ref);
  return { title: { absolute: `${detail?.project.name ?? 'Project'} · Ignition · LumenForge` } };
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

function StartedCell({ at }: { at: Date }) {
  return (
    <td className={`${TD} whitespace-nowrap text-fg-muted`}>
      <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>
    </td>
  );
}

/** A project: what it is, where its code lives, and what IGNIS built and WAYPOINT deployed of it. */
export default async function ProjectPage({ params }: TParams) {
  const detail = await loadProject((await params).ref);
  if (!detail) notFound();
  const { project, fileCount, builds, deployments } = detail;
  const urls = getRuntime().systemUrls;
  const ignisHref = `${urls.ignis}/projects/${project.id}`;

  return (
    <>
      <IgnitionNav current="projects" />
      <div className="space-y-8">
        <PageHeader
          title={project.name}
          description={project.description || undefined}
          actions={
            <div className="flex flex-wrap items-center gap-4">
              <a href={ignisHref} className={LINK} data-testid="open-in-ignis">
                Open in Ignis ({plural(fileCount, 'file')})
              </a>
              <a
                href={`/api/projects/${project.id}/archive`}
                download={`${project.slug}.zip`}
                className={LINK}
                data-testid="project-download-zip"
              >
                Download .zip
              </a>
            </div>
          }
        />
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">Slug</dt>
            <dd className="font-mono break-all">{project.slug}</dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">Repository</dt>
            <dd className="break-all" data-testid="project-repository">
              {project.repositoryUrl ? (
                isWebUrl(project.repositoryUrl) ? (
                  <a href={project.repositoryUrl} className={LINK} rel="noreferrer">
                    {project.repositoryUrl}
                  </a>
                ) : (
                  project.repositoryUrl
                )
              ) : (
                'None'
              )}
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium text-fg-muted">Created</dt>
            <dd>
              <time dateTime={project.createdAt.toISOString()}>{formatDateTime(project.createdAt)}</time>
            </dd>
          </div>
        </dl>

        <Section id="builds" title="Builds" description="The newest builds of this project in Ignis.">
          {builds.length > 0 ? (
            <div className={TABLE_WRAPPER}>
              <table className={TABLE} aria-label="Builds">
                <TableHead columns={['Build', 'Status', 'Trigger', 'Started']} />
                <tbody>
                  {builds.map((build) => (
                    <tr key={build.id} data-testid="build-row">
                      <td className={TD}>
                        <a href={`${urls.ignis}/builds/${build.id}`} className={`${LINK} font-mono`}>
                          {build.id.slice(0, 8)}
                        </a>
                      </td>
                      <td className={TD}>
                        <Badge tone={BUILD_TONES[build.status]}>{build.status}</Badge>
                      </td>
                      <td className={TD}>{build.trigger.replace('_', ' ')}</td>
                      <StartedCell at={build.createdAt} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm text-fg-muted">No builds yet.</p>
          )}
        </Section>

        <Section id="deployments" title="Deployments" description="Where this project runs, newest first.">
          {deployments.length > 0 ? (
            <div className={TABLE_WRAPPER}>
              <table className={TABLE} aria-label="Deployments">
                <TableHead columns={['Environment', 'Version', 'Status', 'Started']} />
                <tbody>
                  {deployments.map((deployment) => (
                    <tr key={deployment.id} data-testid="deployment-row">
                      <td className={TD}>{deployment.environment}</td>
                      <td className={`${TD} font-mono`}>{deployment.version}</td>
                      <td className={TD}>
                        <Badge tone={DEPLOYMENT_TONES[deployment.status]}>
                          {deployment.status.replace('_', ' ')}
                        </Badge>
                      </td>
                      <StartedCell at={deployment.createdAt} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm text-fg-muted">Not deployed yet.</p>
          )}
        </Section>
      </div>
    </>
  );
}
