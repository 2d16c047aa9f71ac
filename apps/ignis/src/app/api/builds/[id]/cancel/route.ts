// POST /api/builds/:id/cancel — cancel a queued build at once, a running one within a second (its
// worker kills the running stage). 409 when the build already finished.
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../../runtime';
import { buildRepository, requireBuild } from '../../_lib/builds-api';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(
  getRuntime,
  { endpoint: 'builds.cancel', permission: 'builds.run' },
  async (_request, { principal, route, auditTarget }) => {
    const { id } = await route.params;
    const before = await requireBuild(principal.workspaceId, id);
    auditTarget('build', before.id, { status: before.status });
    if (before.status !== 'queued' && before.status !== 'running')
      return Response.json(
        {
          error: 'already_finished',
          message: `This build already ${before.status === 'cancelled' ? 'was cancelled' : before.status}.`,
        },
        { status: 409, headers: { 'Cache-Control': 'no-store' } },
      );
    const build = await buildRepository().requestCancel(before.id, principal.workspaceId);
    return Response.json({ build }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  },
);
