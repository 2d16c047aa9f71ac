// GET /api/activity?system=&kind=&before=&limit= — the signed-in user's activity feed, newest first
import { ZActivityQuerySchema } from '@lumenforge/landing-activity';
import { apiRoute, conditionalResponse } from '@lumenforge/runtime/server';
import { readActivity } from '../../activity/activity-data';
import { readQuery } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * A page of `wissil.*` events from the outbox as feed rows: `{ items, nextBefore }`. Only the
 * user's workspace and platform-wide events, only subjects the role may see (no health reports;
 * sign-ins and role changes for admins). `nextBefore` is the `before` of the next, older page.
 * An ETag lets a client revalidate cheaply (304).
 */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'activity.list', permission: null },
  async (request, { principal }) => {
    const query = readQuery(request, ZActivityQuerySchema);
    const page = await readActivity(principal, query);
    return conditionalResponse(request, JSON.stringify(page), {
      contentType: 'application/json; charset=utf-8',
      // Per user (role and workspace), and new events arrive any moment: always revalidate.
      cacheControl: 'private, no-cache',
      headers: { Vary: 'Cookie, Authorization' },
    });
  },
);
