import { DbNotFoundError } from '@lumenforge/db';
import { apiRoute, conditionalResponse } from '@lumenforge/runtime/server';
import { versionNumber } from '../../../../../lib/token-query';
import { getRuntime } from '../../../../../runtime';
import { tokenService } from '../../../../../tokens';

export const dynamic = 'force-dynamic';

type TRoute = { params: Promise<{ version: string }> };

/** One version with its token set and its diff against the version before it. Immutable. */
export const GET = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'tokens.version', permission: 'tokens.read' },
  async (request, { principal, route }) => {
    const number = versionNumber((await route.params).version);
    const version = await tokenService().version(principal.workspaceId, number);
    if (!version) throw new DbNotFoundError(`Version ${number} does not exist`);
    return conditionalResponse(request, JSON.stringify(version), {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'private, max-age=31536000, immutable',
    });
  },
);
