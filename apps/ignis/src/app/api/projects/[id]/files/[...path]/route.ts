// GET|PUT|DELETE /api/projects/:id/files/<path> — one file of a project. PUT { content,
// expectedSha256? } saves it (409 when it changed since `expectedSha256`; null = must be new), then
// hot-updates the project's open preview. A change queues the project's build in the same transaction
// (coalesced: saves join a build that is queued and not started). 400 for a bad path, 413 over 5 MB
// (50 MB per project).
import { queueProjectSaveBuild } from '@lumenforge/ignis-builds/store';
import {
  ProjectFileRepository,
  validateFilePath,
  type TAfterTreeChange,
} from '@lumenforge/ignis-workspace/files';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { getRuntime } from '../../../../../../runtime';
import { engineClient, requireProject, withIgnisErrors } from '../../../../previews/_lib/ignis-api';

export const dynamic = 'force-dynamic';

type TRoute = { params: Promise<{ id: string; path: string[] }> };

const ZSaveFileSchema = z.object({
  content: z.string(),
  expectedSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the sha256 (64 hex digits) you last read')
    .nullable()
    .optional(),
});

async function target(route: TRoute, workspaceId: string) {
  const { id, path } = await route.params;
  const filePath = validateFilePath(path.map((segment) => decodeURIComponent(segment)).join('/'));
  await requireProject(workspaceId, id);
  return { projectId: id, path: filePath };
}

/** The save's build, queued in the save's transaction; `queued()` says which one after the save. */
function buildOnSave(workspaceId: string, actorId: string | null) {
  let build: { buildId: string; coalesced: boolean } | null = null;
  const afterChange: TAfterTreeChange = async (tx, change) => {
    build = await queueProjectSaveBuild(tx, { workspaceId, ...change, actorId });
  };
  return { afterChange, queued: () => build };
}

/** Pushes a saved change to the project's open preview, if one is open; the save stands either way. */
async function hotUpdate(
  projectId: string,
  files: Record<string, string | null>,
): Promise<'updated' | 'no-preview' | 'engine-unavailable'> {
  try {
    const engine = await engineClient();
    const { previews } = await engine.listPreviews();
    const open = previews.find(
      (preview) => preview.key === `project-${projectId}` && preview.state !== 'stopped',
    );
    if (!open) return 'no-preview';
    await engine.updateFiles(open.id, files);
    return 'updated';
  } catch {
    return 'engine-unavailable';
  }
}

export const GET = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'projects.files.read', permission: 'projects.read' },
  async (_request, { principal, route }) =>
    withIgnisErrors(async () => {
      const { projectId, path } = await target(route, principal.workspaceId);
      const file = await new ProjectFileRepository(getRuntime().db).read(projectId, path);
      return Response.json(file, { headers: { 'Cache-Control': 'no-store', ETag: `"${file.sha256}"` } });
    }),
);

export const PUT = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'projects.files.write', permission: 'projects.create' },
  async (request, context) =>
    withIgnisErrors(async () => {
      const { projectId, path } = await target(context.route, context.principal.workspaceId);
      context.auditTarget('project', projectId, { path });
      const body = await readJsonBody(request, ZSaveFileSchema);
      const build = buildOnSave(context.principal.workspaceId, context.principal.userId);
      const saved = await new ProjectFileRepository(getRuntime().db).write(projectId, path, body.content, {
        ...(body.expectedSha256 !== undefined ? { expectedSha256: body.expectedSha256 } : {}),
        actorId: context.principal.userId,
        afterChange: build.afterChange,
      });
      const preview = saved.unchanged ? 'no-preview' : await hotUpdate(projectId, { [path]: body.content });
      return Response.json(
        { ...saved, preview, build: build.queued() },
        { status: saved.created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } },
      );
    }),
);

export const DELETE = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'projects.files.delete', permission: 'projects.create' },
  async (request, context) =>
    withIgnisErrors(async () => {
      const { projectId, path } = await target(context.route, context.principal.workspaceId);
      context.auditTarget('project', projectId, { path });
      const expected = new URL(request.url).searchParams.get('expectedSha256');
      const build = buildOnSave(context.principal.workspaceId, context.principal.userId);
      await new ProjectFileRepository(getRuntime().db).delete(projectId, path, {
        ...(expected ? { expectedSha256: expected } : {}),
        afterChange: build.afterChange,
      });
      const preview = await hotUpdate(projectId, { [path]: null });
      return Response.json(
        { deleted: path, preview, build: build.queued() },
        { headers: { 'Cache-Control': 'no-store' } },
      );
    }),
);
