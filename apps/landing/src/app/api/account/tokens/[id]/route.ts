// DELETE /api/account/tokens/:id — revoke one of the signed-in user's API tokens (idempotent)
import { DbNotFoundError } from '@lumenforge/db';
import { revokeApiToken } from '@lumenforge/auth/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { ZResourceIdSchema } from '../../../../../lib/account-schemas';
import { readPathParam } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../../runtime';

export const dynamic = 'force-dynamic';

type TRouteContext = { params: Promise<{ id: string }> };

export const DELETE = apiRoute<TRouteContext>(
  getRuntime,
  { endpoint: 'account.tokens.revoke', permission: null },
  async (_request, context) => {
    const { principal, route } = context;
    const id = readPathParam('id', (await route.params).id, ZResourceIdSchema);
    context.auditTarget('api_token', id);
    // Scoped to the principal's user: another user's token is "not found" and stays as it is.
    const isRevoked = await revokeApiToken({ db: getRuntime().db }, { principal, tokenId: id, context });
    if (!isRevoked) throw new DbNotFoundError('You have no API token with this id');
    return Response.json({ id, revoked: true }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
