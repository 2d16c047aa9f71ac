import { tokenEventsRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/** `wissil.tokens.updated` of the user's workspace, as Server-Sent Events (live restyling). */
export const GET = tokenEventsRoute(getRuntime);
