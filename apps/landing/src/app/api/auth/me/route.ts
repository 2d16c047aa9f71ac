import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** Who the request is signed in as (session, API token or client credentials), with the effective permissions. */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'auth.me', permission: null },
  async (_request, { principal }) =>
    Response.json(
      {
        kind: principal.kind,
        userId: principal.userId,
        email: principal.email,
        name: principal.name,
        role: principal.role,
        workspaceId: principal.workspaceId,
        permissions: principal.permissions,
        mfa: principal.mfa,
        authTime: principal.authTime?.toISOString() ?? null,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    ),
);
