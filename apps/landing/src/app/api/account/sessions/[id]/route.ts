// DELETE /api/account/sessions/:id — sign out one of the signed-in user's own sessions ("that device")
import { DbNotFoundError } from '@lumenforge/db';
import { revokeSession } from '@lumenforge/auth/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { accountDeps } from '../../../../../lib/account-deps';
import { ZResourceIdSchema } from '../../../../../lib/account-schemas';
import { readPathParam } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../../runtime';

export const dynamic = 'force-dynamic';

type TRouteContext = { params: Promise<{ id: string }> };

export const DELETE = apiRoute<TRouteContext>(
  getRuntime,
  { endpoint: 'account.sessions.revoke', permission: null },
  async (_request, context) => {
    const { principal, route } = context;
    const id = readPathParam('id', (await route.params).id, ZResourceIdSchema);
    context.auditTarget('session', id, { isCurrent: id === principal.sessionId });
    // Scoped to the principal's user: another user's session id is "not found", never revoked.
    const isRevoked = await revokeSession(accountDeps(getRuntime()), { principal, sessionId: id, context });
    if (!isRevoked) throw new DbNotFoundError('No live session of yours has this id');
    return Response.json({ id, revoked: true }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
