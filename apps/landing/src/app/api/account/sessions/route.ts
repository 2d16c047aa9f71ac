// GET /api/account/sessions — the signed-in user's live sessions, this one marked `isCurrent`
import { apiRoute } from '@lumenforge/runtime/server';
import { sortSessionViews, toSessionView } from '../../../../lib/account-schemas';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(
  getRuntime,
  { endpoint: 'account.sessions.list', permission: null },
  async (_request, { principal }) => {
    const sessions = await getRuntime().auth.sessions.listActiveForUser(principal.userId);
    return Response.json(
      { sessions: sortSessionViews(sessions.map((session) => toSessionView(session, principal.sessionId))) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  },
);
