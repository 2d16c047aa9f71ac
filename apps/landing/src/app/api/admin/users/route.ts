// GET /api/admin/users — the workspace's users with role, status and last sign-in (admins only)
import { ForbiddenError } from '@lumenforge/auth';
import { apiRoute } from '@lumenforge/runtime/server';
import { listUsersForAdmin } from '../../../../lib/admin-data';
import { ZUserListQuerySchema } from '../../../../lib/admin-schemas';
import { readQuery } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

// `permission: null` plus the explicit check: listing is for holders of `users.manage`, but only
// changes need the fresh MFA sign-in that `apiRoute` demands of that permission.
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'admin.users.list', permission: null },
  async (request, { principal }) => {
    if (!principal.permissions.includes('users.manage')) throw new ForbiddenError('users.manage');
    const query = readQuery(request, ZUserListQuerySchema);
    const page = await listUsersForAdmin(getRuntime().db, principal, query);
    return Response.json(page, { headers: { 'Cache-Control': 'no-store' } });
  },
);
