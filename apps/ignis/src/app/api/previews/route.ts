// POST /api/previews — open a live preview (a project, a component version, or files + entry) on
// the engine's preview origin; 201 { id, url, isolation } (200 when an open one is reused).
import { authorize } from '@lumenforge/auth';
import { DbNotFoundError } from '@lumenforge/db';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { getRuntime } from '../../../runtime';
import { engineClient, requireProject, withIgnisErrors } from './_lib/ignis-api';

export const dynamic = 'force-dynamic';

const ZCreatePreviewSchema = z.union([
  z.object({ projectId: z.uuid() }),
  z.object({ componentId: z.uuid(), version: z.int().positive().optional() }),
  z.object({ files: z.record(z.string(), z.string()), entry: z.string().min(1) }),
]);

export const POST = apiRoute(
  getRuntime,
  { endpoint: 'previews.create', permission: null },
  async (request, context) =>
    withIgnisErrors(async () => {
      const body = await readJsonBody(request, ZCreatePreviewSchema);
      const { principal } = context;
      const engine = await engineClient();
      let preview;
      if ('projectId' in body) {
        authorize(principal, 'projects.read', { stepUpMaxAgeSeconds: getRuntime().auth.stepUpMaxAgeSeconds });
        await requireProject(principal.workspaceId, body.projectId);
        context.auditTarget('project', body.projectId);
        preview = await engine.openPreview({ kind: 'project', projectId: body.projectId });
      } else if ('componentId' in body) {
        authorize(principal, 'components.read', {
          stepUpMaxAgeSeconds: getRuntime().auth.stepUpMaxAgeSeconds,
        });
        const component = await getRuntime().db.component.findFirst({
          where: { id: body.componentId, workspaceId: principal.workspaceId },
          select: { id: true },
        });
        if (!component) throw new DbNotFoundError('This component does not exist in your workspace.');
        context.auditTarget('component', body.componentId);
        preview = await engine.openPreview({
          kind: 'component',
          componentId: body.componentId,
          ...(body.version ? { version: body.version } : {}),
        });
      } else {
        // Arbitrary code (SPARK's generated components): only for roles that may generate components.
        authorize(principal, 'components.generate', {
          stepUpMaxAgeSeconds: getRuntime().auth.stepUpMaxAgeSeconds,
        });
        preview = await engine.openPreview({
          kind: 'files',
          files: body.files,
          entry: body.entry,
          workspaceId: principal.workspaceId,
        });
      }
      context.auditTarget('preview', preview.id, { key: preview.key });
      if (preview.workspaceId !== principal.workspaceId)
        throw new DbNotFoundError('This preview is not in your workspace.');
      return Response.json(
        { id: preview.id, url: preview.url, isolation: preview.isolation, reused: preview.reused ?? false },
        { status: preview.reused ? 200 : 201, headers: { 'Cache-Control': 'no-store' } },
      );
    }),
);
