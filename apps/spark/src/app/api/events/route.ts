import { liveEventsRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/** The page's one live connection (`?topics=tokens,session`): see `liveEventsRoute`. */
export const GET = liveEventsRoute(getRuntime);
