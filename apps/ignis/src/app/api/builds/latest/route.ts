// GET /api/builds/latest?projectId= — the project's newest finished build with its metrics. Read through
// the platform cache (`cache:build:{projectId}`: Redis in cluster mode, in-process single-node), which
// every app drops on wissil.build.* (runtime cache invalidation), so a new build is seen at once.
import { cacheKeys } from '@lumenforge/cache';
import type { TBuildView } from '@lumenforge/ignis-builds/store';
import { apiRoute, InvalidRequestError } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { buildRepository, UUID } from '../_lib/builds-api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(
  getRuntime,
  { endpoint: 'builds.latest', permission: 'builds.read' },
  async (request, { principal }) => {
    const projectId = new URL(request.url).searchParams.get('projectId') ?? '';
    if (!UUID.test(projectId))
      throw new InvalidRequestError('projectId must be a UUID', [
        { path: 'projectId', message: 'must be a UUID' },
      ]);
    const { cache } = getRuntime();
    const key = cacheKeys.build(projectId);
    const cached = await cache.get<{ build: TBuildView | null }>(key);
    // The key is per project; the workspace check keeps another workspace's cached entry out.
    if (cached && (cached.build === null || cached.build.workspaceId === principal.workspaceId))
      return Response.json({ ...cached, cached: true }, { headers: { 'Cache-Control': 'no-store' } });
    const build = await buildRepository().latestFinished(principal.workspaceId, projectId);
    if (build) await cache.set(key, { build });
    return Response.json({ build, cached: false }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
