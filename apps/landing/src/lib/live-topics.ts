import 'server-only';
import { ACTIVITY_STREAM_SUBJECTS, activityStreamFilter } from '@lumenforge/landing-activity/server';
import type { TLiveTopicDefinition } from '@lumenforge/runtime/server';
import { activityViewer } from '../app/activity/activity-data';

/** LANDING's topics of `/api/events`, besides every app's `tokens` and `session`. */
export const LANDING_LIVE_TOPICS = {
  /**
   * The home page's system cards: every system's `wissil.system.health` report (platform-wide,
   * any signed-in role may see them, as on the cards themselves).
   */
  health: () => ({ subjects: ['wissil.system.health'] }),
  /**
   * The activity feed: every `wissil.*` event of the user's workspace or platform-wide, except
   * `wissil.system.health` (the cards' topic), and `wissil.user.*` for admins only.
   */
  activity: (principal) => ({
    subjects: ACTIVITY_STREAM_SUBJECTS,
    filter: activityStreamFilter(activityViewer(principal)),
  }),
} satisfies Record<string, TLiveTopicDefinition>;
