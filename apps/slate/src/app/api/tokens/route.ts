import { apiRoute } from '@lumenforge/runtime/server';
import { tokensResponse } from '../../../lib/token-responses';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/** The whole token set: `?theme=light|dark&format=json|css|tailwind|ts|dtcg&resolved=true|false&version=<n>|draft`. */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'tokens.read', permission: 'tokens.read' },
  (request, { principal }) => tokensResponse(request, principal.workspaceId),
);
