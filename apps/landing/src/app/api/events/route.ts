import { liveEventsRoute } from '@lumenforge/runtime/server';
import { LANDING_LIVE_TOPICS } from '../../../lib/live-topics';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';

/** The page's one live connection (`?topics=health,activity,tokens,session`): see `liveEventsRoute`. */
export const GET = liveEventsRoute(getRuntime, LANDING_LIVE_TOPICS);
