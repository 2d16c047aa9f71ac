import { apiRoute, readQuery } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { componentLibrary } from '../../../components';
import { getRuntime } from '../../../runtime';
import { sparkHandlers } from '../../../spark-services';

export const dynamic = 'force-dynamic';

const ZListQuerySchema = z.object({
  q: z.string().max(200, 'At most 200 characters').optional(),
  limit: z.coerce
    .number()
    .int('Expected a whole number')
    .min(1, 'At least 1')
    .max(200, 'At most 200')
    .optional(),
});

const noStore = { headers: { 'Cache-Control': 'no-store' } };

// GET /api/components?q=&limit= — the workspace's components, recently changed first (no source).
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'components.list', permission: 'components.read' },
  async (request, { principal }) => {
    const { q, limit } = readQuery(request, ZListQuerySchema);
    const components = await componentLibrary().list(principal.workspaceId, {
      ...(q ? { query: q } : {}),
      ...(limit ? { limit } : {}),
    });
    return Response.json({ components }, noStore);
  },
);

// POST /api/components — saves version 1 (by hand, or a chosen generation with its prompt): see createSparkHandlers.
export const POST = sparkHandlers.createComponent;
