// PUT /api/previews/:id/files — hot update: { files: { "<path>": "<content>" | null } } reach the
// open preview as HMR updates. A project preview's files are saved to the project first (the source
// of truth); a files preview's live only in its session.
import { authorize } from '@lumenforge/auth';
import { DbNotFoundError } from '@lumenforge/db';
import {
  ProjectFileRepository,
  validateFilePath,
  validateFileSize,
} from '@lumenforge/ignis-workspace/files';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { getRuntime } from '../../../../../runtime';
import { engineClient, withIgnisErrors } from '../../_lib/ignis-api';

export const dynamic = 'force-dynamic';

const ZUpdatePreviewFilesSchema = z.object({ files: z.record(z.string(), z.string().nullable()) });

export const PUT = apiRoute<{ params: Promise<{ id: string }> }>(
  getRuntime,
  { endpoint: 'previews.update', permission: null },
  async (request, context) =>
    withIgnisErrors(async () => {
      const { id } = await context.route.params;
      const { files } = await readJsonBody(request, ZUpdatePreviewFilesSchema);
      const { principal } = context;
      context.auditTarget('preview', id, { paths: Object.keys(files).slice(0, 20) });
      const engine = await engineClient();
      const preview = await engine.getPreview(id);
      if (preview.workspaceId !== principal.workspaceId)
        throw new DbNotFoundError('This preview does not exist or was stopped.');
      const projectId = /^project-(.+)$/.exec(preview.key)?.[1];
      // Every path and size is checked before anything is written.
      for (const [path, content] of Object.entries(files)) {
        validateFilePath(path);
        if (content !== null) validateFileSize(content);
      }
      if (projectId) {
        authorize(principal, 'projects.create', {
          stepUpMaxAgeSeconds: getRuntime().auth.stepUpMaxAgeSeconds,
        });
        const repository = new ProjectFileRepository(getRuntime().db);
        for (const [path, content] of Object.entries(files)) {
          if (content === null) await repository.delete(projectId, path);
          else await repository.write(projectId, path, content, { actorId: principal.userId });
        }
      } else {
        authorize(principal, 'components.generate', {
          stepUpMaxAgeSeconds: getRuntime().auth.stepUpMaxAgeSeconds,
        });
      }
      return Response.json(await engine.updateFiles(id, files), { headers: { 'Cache-Control': 'no-store' } });
    }),
);
