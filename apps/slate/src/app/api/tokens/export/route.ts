import { apiRoute } from '@lumenforge/runtime/server';
import { tokensResponse } from '../../../../lib/token-responses';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** A download: `?format=css|tailwind|ts|dtcg&theme=light|dark&version=<n>|draft`. */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'tokens.export', permission: 'tokens.read' },
  (request, { principal }) => tokensResponse(request, principal.workspaceId, { download: true }),
);
