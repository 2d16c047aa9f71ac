import { apiRoute, readJsonBody, readQuery } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { componentLibrary, saveNewComponent, ZNewComponentSchema } from '../../../components';
import { getRuntime } from '../../../runtime';

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

// POST /api/components — saves a component written by hand as version 1: 201 { component }, 400
// naming each bad field, 409 when the workspace already has that name (in any case).
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'components.create', permission: 'components.generate' },
  async (request, context) => {
    const body = await readJsonBody(request, ZNewComponentSchema);
    const component = await saveNewComponent(getRuntime(), context.principal, body, context);
    return Response.json({ component }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  },
);
