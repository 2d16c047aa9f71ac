import { notFound } from 'next/navigation';
import { createEngineClient, resolveEngineSecret } from '@lumenforge/ignis-engine/client';
import { ProjectFileRepository } from '@lumenforge/ignis-workspace/files';
import { Notice } from '@lumenforge/ui/page-parts';
import { auth } from '../../../auth';
import { getEnv } from '../../../env';
import { getRuntime } from '../../../runtime';
import { WEBCONTAINER_API_FOLDERS } from '../_webcontainer/package';
import { isPackageInstalled } from '@lumenforge/runtime/package-files';
import { ProjectEditor, type TIsolationInfo } from './_components/project-editor';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The file the editor opens first: the starter's component, else the first component or source file. */
const PREFERRED = [/^src\/components\/[^/.]+\.tsx$/, /^src\/App\.tsx$/, /\.tsx?$/];

async function isolationInfo(): Promise<TIsolationInfo> {
  const env = getEnv();
  const secret = await resolveEngineSecret(env);
  if (!secret)
    return { available: false, summary: 'The IGNIS engine is not configured (IGNIS_ENGINE_SECRET).' };
  try {
    const { isolation } = await createEngineClient({
      url: env.IGNIS_ENGINE_URL,
      secret,
      timeoutMs: 3_000,
    }).listPreviews();
    return { available: true, mode: isolation.mode, summary: isolation.summary };
  } catch {
    return {
      available: false,
      summary: 'The IGNIS engine is not running; previews are unavailable until it restarts.',
    };
  }
}

/** `?revision=` (a build's cause links here): says whether the tree is still at that saved revision. */
async function revisionNotice(projectId: string, revision: string | undefined) {
  if (!revision || !/^[0-9a-f]{64}$/.test(revision)) return null;
  const current = await new ProjectFileRepository(getRuntime().db).revision(projectId);
  return (
    <Notice tone={current === revision ? 'info' : 'warning'} testId="revision-notice" className="mb-4">
      {current === revision
        ? `These files are saved revision ${revision.slice(0, 12)}, the one the build was caused by.`
        : `The build was caused by saved revision ${revision.slice(0, 12)}; the files have changed since (now ${current.slice(0, 12)}).`}
    </Notice>
  );
}

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ revision?: string | string[] }>;
}) {
  const { id } = await params;
  const { revision } = await searchParams;
  const principal = await auth.requirePagePermission('projects.read');
  const db = getRuntime().db;
  const project = UUID.test(id)
    ? await db.project.findFirst({
        where: { id, workspaceId: principal.workspaceId },
        select: { id: true, name: true, description: true },
      })
    : null;
  if (!project) notFound();
  const files = await new ProjectFileRepository(db).list(project.id);
  const first =
    PREFERRED.map((pattern) => files.find((file) => pattern.test(file.path))).find(Boolean) ?? files[0];
  return (
    <>
      {await revisionNotice(project.id, typeof revision === 'string' ? revision : undefined)}
      <ProjectEditor
        project={{ id: project.id, name: project.name, description: project.description }}
        files={files.map((file) => ({ path: file.path, sha256: file.sha256, sizeBytes: file.sizeBytes }))}
        initialPath={first?.path ?? null}
        canEdit={auth.can(principal, 'projects.create')}
        isolation={await isolationInfo()}
        webContainer={{
          isEnabledByAdmin: getEnv().IGNIS_WEBCONTAINER === 'on',
          isPackageInstalled: isPackageInstalled(WEBCONTAINER_API_FOLDERS),
        }}
      />
    </>
  );
}
