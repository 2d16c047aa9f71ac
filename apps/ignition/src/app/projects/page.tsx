import { createRepositories } from '@lumenforge/db/server';
import { formatDate, plural } from '@lumenforge/ui/format';
import { LINK, PageHeader, TABLE, TABLE_WRAPPER, TableHead, TD } from '@lumenforge/ui/page-parts';
import { auth } from '../../auth';
import { getRuntime } from '../../runtime';
import { IgnitionNav } from '../_components/ignition-nav';

export const metadata = { title: { absolute: 'Projects · Ignition · LumenForge' } };

const COLUMNS = ['Name', 'Description', 'Repository', 'Created'] as const;

/** The workspace's projects, newest first; each links to its page. */
export default async function ProjectsPage() {
  const principal = await auth.requirePagePermission('projects.read');
  const projects = await createRepositories(getRuntime().db).projectWork.listProjects(principal.workspaceId);
  return (
    <>
      <IgnitionNav current="projects" />
      <div className="space-y-5">
        <PageHeader
          title="Projects"
          description={`The workspace’s projects. ${plural(projects.length, 'project')}.`}
        />
        {projects.length > 0 ? (
          <div className={TABLE_WRAPPER}>
            <table className={TABLE} aria-label="Projects">
              <TableHead columns={COLUMNS} />
              <tbody>
                {projects.map((project) => (
                  <tr key={project.id} data-testid="project-row">
                    <td className={TD}>
                      <a href={`/projects/${project.slug}`} className={LINK}>
                        {project.name}
                      </a>
                      <div className="font-mono text-xs text-fg-muted">{project.slug}</div>
                    </td>
                    <td className={`${TD} max-w-md text-fg-muted`}>
                      {project.description ? (
                        <span className="line-clamp-2">{project.description}</span>
                      ) : (
                        <span className="text-fg-muted">No description</span>
                      )}
                    </td>
                    <td className={`${TD} max-w-xs break-all`}>
                      {project.repositoryUrl ?? <span className="text-fg-muted">None</span>}
                    </td>
                    <td className={`${TD} whitespace-nowrap text-fg-muted`}>
                      <time dateTime={project.createdAt.toISOString()}>{formatDate(project.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-fg-muted" data-testid="no-projects">
            No projects yet.
          </p>
        )}
      </div>
    </>
  );
}
