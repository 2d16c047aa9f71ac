import { eventStreamResponse } from '@lumenforge/event-bus/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * The home page's system cards, live, as Server-Sent Events: every system's `wissil.system.health`
 * report, and `wissil.tokens.updated` of the user's workspace (SLATE's card shows the published
 * version). One stream for both, so the page holds one connection for its cards.
 */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'events.health', permission: null },
  async (request, { principal }) =>
    eventStreamResponse({
      bus: getRuntime().bus,
      subjects: ['wissil.system.health', 'wissil.tokens.updated'],
      request,
      filter: (event) =>
        event.subject === 'wissil.system.health' || event.workspaceId === principal.workspaceId,
    }),
);
