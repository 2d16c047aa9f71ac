import Link from 'next/link';
import { SYSTEMS } from '@lumenforge/config';
import { LINK, Section, TABLE, TABLE_WRAPPER, TD, TH } from '@lumenforge/ui/page-parts';
import { SystemHome } from '@lumenforge/ui/system-home';
import { auth } from '../auth';
import { health } from '../health';
import { getRuntime } from '../runtime';

export default async function HomePage() {
  const { principal } = await auth.pageAccess();
  const canReadProjects = auth.can(principal, 'projects.read');
  const projects = canReadProjects
    ? await getRuntime().db.project.findMany({
        where: { workspaceId: principal.workspaceId },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        take: 50,
        select: {
          id: true,
          name: true,
          slug: true,
          description: true,
          updatedAt: true,
          _count: { select: { files: true } },
        },
      })
    : [];
  return (
    <SystemHome system={SYSTEMS.ignis} health={await health.report()}>
      <div className="mt-10 flex flex-col gap-8">
        <Section
          id="projects"
          title="Projects"
          description="Open a project to edit it with a live preview that hot-reloads as you save."
          actions={
            <Link className={LINK} href="/builds">
              Builds →
            </Link>
          }
        >
          {!canReadProjects ? (
            <p className="text-sm text-fg-muted">
              Your role cannot open projects; component previews open from SPARK.
            </p>
          ) : projects.length === 0 ? (
            <p className="text-sm text-fg-muted">No projects in this workspace yet: IGNITION creates them.</p>
          ) : (
            <div className={TABLE_WRAPPER}>
              <table className={TABLE}>
                <thead>
                  <tr>
                    <th className={TH} scope="col">
                      Project
                    </th>
                    <th className={`${TH} hidden sm:table-cell`} scope="col">
                      Files
                    </th>
                    <th className={`${TH} hidden sm:table-cell`} scope="col">
                      Updated
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {projects.map((project) => (
                    <tr key={project.id}>
                      <td className={TD}>
                        <Link className={LINK} href={`/projects/${project.id}`}>
                          {project.name}
                        </Link>
                        {project.description ? (
                          <p className="mt-0.5 text-xs text-fg-muted">{project.description}</p>
                        ) : null}
                      </td>
                      <td className={`${TD} hidden sm:table-cell`}>{project._count.files}</td>
                      <td className={`${TD} hidden whitespace-nowrap sm:table-cell`}>
                        <time dateTime={project.updatedAt.toISOString()}>
                          {project.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      </div>
    </SystemHome>
  );
}
