// GET /api/builds/:id — one build of the caller's workspace: status, stages, metrics, first error.
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { requireBuild } from '../_lib/builds-api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(
  getRuntime,
  { endpoint: 'builds.get', permission: 'builds.read' },
  async (_request, { principal, route }) => {
    const { id } = await route.params;
    const build = await requireBuild(principal.workspaceId, id);
    return Response.json({ build }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
