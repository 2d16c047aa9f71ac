import { eventStreamResponse } from '@lumenforge/event-bus/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** Live `wissil.system.health` reports of all six systems, as Server-Sent Events (the home page's status badges). */
export const GET = apiRoute(getRuntime, { endpoint: 'events.health', permission: null }, async (request) =>
  eventStreamResponse({ bus: getRuntime().bus, subjects: ['wissil.system.health'], request }),
);
