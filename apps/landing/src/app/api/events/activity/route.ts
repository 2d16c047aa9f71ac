import { eventStreamResponse } from '@lumenforge/event-bus/server';
import { ACTIVITY_STREAM_SUBJECTS, activityStreamFilter } from '@lumenforge/landing-activity/server';
import { apiRoute } from '@lumenforge/runtime/server';
import { activityViewer } from '../../../activity/activity-data';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

/**
 * The activity feed, live, as Server-Sent Events: every `wissil.*` event of the user's workspace or
 * platform-wide, except `wissil.system.health` (every app sends one every 15 s: the status cards
 * have their own stream), and `wissil.user.*` for admins only. `wissil.system.alert` included.
 */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'events.activity', permission: null },
  async (request, { principal }) =>
    eventStreamResponse({
      bus: getRuntime().bus,
      subjects: ACTIVITY_STREAM_SUBJECTS,
      request,
      filter: activityStreamFilter(activityViewer(principal)),
    }),
);
