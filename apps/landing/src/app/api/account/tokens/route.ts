// GET /api/account/tokens — the signed-in user's API tokens (never the token or its hash)
// POST /api/account/tokens — create one; the token is in this answer only
import { ForbiddenError } from '@lumenforge/auth';
import { createApiToken, ScopeNotAllowedError } from '@lumenforge/auth/server';
import { createRepositories } from '@lumenforge/db/server';
import { apiRoute, InvalidRequestError, readJsonBody } from '@lumenforge/runtime/server';
import { accountDeps } from '../../../../lib/account-deps';
import { ZCreateApiTokenBodySchema, toApiTokenView } from '../../../../lib/account-schemas';
import type { TCreatedApiToken } from '../../../../lib/api-token-options';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

const DAY_MS = 86_400_000;

export const GET = apiRoute(
  getRuntime,
  { endpoint: 'account.tokens.list', permission: null },
  async (_request, { principal }) => {
    const tokens = await createRepositories(getRuntime().db).apiTokens.listForUser(principal.userId, {
      workspaceId: principal.workspaceId,
    });
    const now = new Date();
    return Response.json(
      { tokens: tokens.map((token) => toApiTokenView(token, now)) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  },
);

export const POST = apiRoute(
  getRuntime,
  { endpoint: 'account.tokens.create', permission: null },
  async (request, context) => {
    const { principal } = context;
    // A leaked token must not be able to mint more (and longer-lived) tokens: only a signed-in person can.
    if (principal.kind !== 'session')
      throw new ForbiddenError(null, 'API tokens cannot create API tokens; sign in to create one.');
    const body = await readJsonBody(request, ZCreateApiTokenBodySchema);
    const expiresAt = new Date(Date.now() + body.expiresInDays * DAY_MS);
    let created: { id: string; token: string };
    try {
      created = await createApiToken(accountDeps(getRuntime()), {
        principal,
        name: body.name,
        scopes: body.scopes,
        expiresAt,
        context,
      });
    } catch (error) {
      if (error instanceof ScopeNotAllowedError)
        throw new InvalidRequestError(
          error.message,
          error.scopes.map((scope) => ({
            path: 'scopes',
            message: `"${scope}" is not a permission of your role`,
          })),
        );
      throw error;
    }
    const answer: TCreatedApiToken = {
      id: created.id,
      token: created.token,
      expiresAt: expiresAt.toISOString(),
    };
    return Response.json(answer, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  },
);
