import { apiRoute, InvalidRequestError } from '@lumenforge/runtime/server';
import { TOKEN_CATEGORIES, type TTokenCategory } from '@lumenforge/tokens';
import { tokensResponse } from '../../../../lib/token-responses';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

type TRoute = { params: Promise<{ category: string }> };

/** One category (`colors`, `typography`, `spacing`, `radii`, `shadows`, `animation`), same options as `/api/tokens`. */
export const GET = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'tokens.read', permission: 'tokens.read' },
  async (request, { principal, route }) => {
    const { category } = await route.params;
    if (!Object.hasOwn(TOKEN_CATEGORIES, category))
      throw new InvalidRequestError(`Unknown token category "${category}"`, [
        { path: 'category', message: `Expected one of ${Object.keys(TOKEN_CATEGORIES).join(', ')}` },
      ]);
    return tokensResponse(request, principal.workspaceId, { category: category as TTokenCategory });
  },
);
