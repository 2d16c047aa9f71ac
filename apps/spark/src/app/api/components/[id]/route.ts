import { DbNotFoundError } from '@lumenforge/db';
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
    const component = await componentLibrary().findById(principal.workspaceId, id);
    if (!component) throw new DbNotFoundError('No component with this id in your workspace');
    return Response.json({ component }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
