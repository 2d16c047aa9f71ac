import { eventStreamResponse } from '@lumenforge/event-bus/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** Live `wissil.system.health` reports of all six systems, as Server-Sent Events (the home page's status badges). */
export function GET(request: Request): Response {
  return eventStreamResponse({ bus: getRuntime().bus, subjects: ['wissil.system.health'], request });
}
