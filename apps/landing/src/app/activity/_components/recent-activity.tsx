import type { TPrincipal } from '@lumenforge/auth';
import { Notice } from '@lumenforge/ui/page-parts';
import { activityUrls, readActivity } from '../activity-data';
import { ActivityFeed } from './activity-feed';

/** How many events the home page shows. */
export const RECENT_ACTIVITY_LIMIT = 8;

/** The home page's "Recent activity" panel: the latest events, live, and a link to /activity. */
export async function RecentActivity({ principal }: { principal: TPrincipal }) {
  const page = await readActivity(principal, { limit: RECENT_ACTIVITY_LIMIT }).catch(() => null);
  return (
    <div data-testid="recent-activity">
      {page ? (
        <ActivityFeed
          variant="compact"
          limit={RECENT_ACTIVITY_LIMIT}
          initial={{ items: page.items, nextBefore: null }}
          filter={{}}
          urls={activityUrls()}
          permissions={principal.permissions}
          now={new Date().toISOString()}
        />
      ) : (
        <>
          <h2 className="text-sm font-semibold">Recent activity</h2>
          <Notice tone="warning" className="mt-2">
            Recent activity cannot be read right now.{' '}
            <a href="/activity" className="font-medium underline">
              Open the activity feed
            </a>
          </Notice>
        </>
      )}
    </div>
  );
}
