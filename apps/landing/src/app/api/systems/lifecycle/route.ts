import { apiRoute, conditionalResponse } from '@lumenforge/runtime/server';
import { visibleLifecycle } from '../../../_components/system-cards-data';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * The home cards' lifecycle state (SLATE's published version; the other systems' once they have
 * data), `null` for systems the role may not use. Cached a few seconds; ETag-revalidated.
 */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'systems.lifecycle', permission: null },
  async (request, { principal }) =>
    conditionalResponse(request, JSON.stringify(await visibleLifecycle(principal)), {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'private, no-cache',
    }),
);
