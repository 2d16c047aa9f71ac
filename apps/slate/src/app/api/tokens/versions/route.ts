import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

/** Every published version, newest first (without content). */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'tokens.versions', permission: 'tokens.read' },
  async (_request, { principal }) =>
    Response.json(
      { versions: await tokenService().versions(principal.workspaceId) },
      { headers: { 'Cache-Control': 'no-store' } },
    ),
);
