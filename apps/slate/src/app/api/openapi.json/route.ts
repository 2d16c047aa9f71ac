import { systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { tokenApiOpenApiDocument } from '@lumenforge/slate-data-access/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { getEnv } from '../../../env';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of the token API. */
export const GET = apiRoute(getRuntime, { endpoint: 'openapi', permission: null }, async () =>
  Response.json(tokenApiOpenApiDocument(systemUrl('slate', urlOptionsFromEnv(getEnv()))), {
    headers: { 'Cache-Control': 'private, max-age=300' },
  }),
);
