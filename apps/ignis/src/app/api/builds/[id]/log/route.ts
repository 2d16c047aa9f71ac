// GET /api/builds/:id/log — Server-Sent Events: `build` (status/stages/metrics on every change),
// `log` (batches of lines; id = last line id, so Last-Event-ID resumes), `end` when the build is final.
import { buildLogStreamResponse } from '@lumenforge/ignis-builds/store';
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../../runtime';
import { buildLogNotifications, buildRepository, requireBuild } from '../../_lib/builds-api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(
  getRuntime,
  { endpoint: 'builds.log', permission: 'builds.read' },
  async (request, { principal, route }) => {
    const { id } = await route.params;
    const build = await requireBuild(principal.workspaceId, id);
    return buildLogStreamResponse({
      repo: buildRepository(),
      notifications: buildLogNotifications(),
      build,
      request,
    });
  },
);
