import { apiRoute, InvalidRequestError } from '@lumenforge/runtime/server';
import { versionParam } from '../../../../lib/token-query';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

/** `?from=<n>&to=<n>|draft`: the classified changes, the bump and whether they break consumers. */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'tokens.diff', permission: 'tokens.read' },
  async (request, { principal }) => {
    const url = new URL(request.url);
    const from = versionParam(url, 'from');
    const to = versionParam(url, 'to') ?? 'draft';
    if (from === undefined || from === 'draft')
      throw new InvalidRequestError('from must be a version number', [
        { path: 'from', message: 'Expected 1, 2, …' },
      ]);
    return Response.json(await tokenService().diff(principal.workspaceId, from, to), {
      headers: { 'Cache-Control': 'no-store' },
    });
  },
);
