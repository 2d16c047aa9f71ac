import { cacheKeys, getOrSet } from '@lumenforge/cache';
import { DbNotFoundError, type TComponentDetail } from '@lumenforge/db';
import { apiRoute } from '@lumenforge/runtime/server';
import { componentLibrary } from '../../../../components';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

type TRoute = { params: Promise<{ id: string }> };

// GET /api/components/:id — one component with its latest version's files and its versions. An
// unknown id, a malformed one and another workspace's are all the same 404 (nothing to probe).
export const GET = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'components.read', permission: 'components.read' },
  async (_request, { principal, route }) => {
    const { id } = await route.params;
    // The hot copy (`components:{id}`, 5 min) is dropped by every wissil.component.* event and by
    // SPARK's own writes; it is another workspace's only if that workspace read it first.
    const component = await getOrSet<TComponentDetail | undefined>(
      getRuntime().cache,
      cacheKeys.component(id),
      async () => (await componentLibrary().findById(principal.workspaceId, id)) ?? undefined,
    );
    if (!component || component.workspaceId !== principal.workspaceId)
      throw new DbNotFoundError('No component with this id in your workspace');
    return Response.json({ component }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
