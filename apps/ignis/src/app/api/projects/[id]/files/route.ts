// GET /api/projects/:id/files — the project's file tree: [{ path, sha256, sizeBytes, updatedAt }].
import { ProjectFileRepository } from '@lumenforge/ignis-workspace/files';
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../../runtime';
import { requireProject, withIgnisErrors } from '../../../previews/_lib/ignis-api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(
  getRuntime,
  { endpoint: 'projects.files.list', permission: 'projects.read' },
  async (_request, { principal, route }) =>
    withIgnisErrors(async () => {
      const { id } = await route.params;
      await requireProject(principal.workspaceId, id);
      const files = await new ProjectFileRepository(getRuntime().db).list(id);
      return Response.json({ files }, { headers: { 'Cache-Control': 'no-store' } });
    }),
);
