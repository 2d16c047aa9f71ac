// PATCH /api/admin/users/:id — change a user's role and/or (de)activate them (users.manage, fresh MFA)
import { changeRole, SelfLockoutError, setUserActive } from '@lumenforge/auth/server';
import { apiRoute, InvalidRequestError, readJsonBody } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { accountDeps } from '../../../../../lib/account-deps';
import { ZUpdateUserBodySchema } from '../../../../../lib/admin-schemas';
import { readPathParam } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../../runtime';

export const dynamic = 'force-dynamic';

type TRouteContext = { params: Promise<{ id: string }> };

const ZUserIdSchema = z.uuid({ error: 'must be a user id (uuid)' });

export const PATCH = apiRoute<TRouteContext>(
  getRuntime,
  { endpoint: 'admin.users.update', permission: 'users.manage' },
  async (request, context) => {
    const { principal, route } = context;
    const userId = readPathParam('id', (await route.params).id, ZUserIdSchema);
    const body = await readJsonBody(request, ZUpdateUserBodySchema);
    context.auditTarget('user', userId, { ...body });
    const deps = accountDeps(getRuntime());
    try {
      // Role first: when both change, a refused role change leaves activation untouched.
      const roleChange =
        body.role === undefined
          ? null
          : await changeRole(deps, { actor: principal, userId, role: body.role, context });
      const activation =
        body.active === undefined
          ? null
          : await setUserActive(deps, { actor: principal, userId, active: body.active, context });
      return Response.json(
        {
          id: userId,
          ...(roleChange ? { role: roleChange.role, previousRole: roleChange.previousRole } : {}),
          ...(activation && body.active !== undefined
            ? {
                active: body.active,
                revokedSessions: activation.revokedSessions,
                revokedTokens: activation.revokedTokens,
              }
            : {}),
        },
        { headers: { 'Cache-Control': 'no-store' } },
      );
    } catch (error) {
      if (error instanceof SelfLockoutError)
        throw new InvalidRequestError(error.message, [{ path: 'id', message: error.message }]);
      throw error;
    }
  },
);
