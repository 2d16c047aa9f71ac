import { ZActivityQuerySchema, type TActivityFilter } from '@lumenforge/landing-activity';
import { LINK, Notice, PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../auth';
import { parseQuery } from '@lumenforge/runtime/server';
import { ActivityFeed } from './_components/activity-feed';
import { activityUrls, readActivity } from './activity-data';

export const metadata = { title: { absolute: 'Activity · LumenForge' } };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every system's events, newest first, live, filterable by system and kind, paged from the outbox. */
export default async function ActivityPage({ searchParams }: { searchParams: TSearchParams }) {
  const principal = await auth.requirePagePrincipal();
  const parsed = parseQuery(ZActivityQuerySchema, await searchParams);
  const query = parsed.success ? parsed.data : ZActivityQuerySchema.parse({});
  const filter: TActivityFilter = { system: query.system, kind: query.kind };
  // Always the newest page: older ones load below it ("Load older"), new events arrive on top.
  const page = await readActivity(principal, { ...query, before: undefined });
  return (
    <div className="space-y-5">
      <PageHeader
        title="Activity"
        description="What happens across the six systems as it happens: token versions, components, builds, projects, deployments and platform alerts, newest first. Times in UTC."
      />
      {!parsed.success ? (
        <Notice tone="danger" testId="activity-query-error">
          {parsed.message}.{' '}
          <a className={`${LINK} underline`} href="/activity">
            Show all activity
          </a>
        </Notice>
      ) : null}
      <ActivityFeed
        variant="full"
        limit={query.limit}
        initial={page}
        filter={filter}
        urls={activityUrls()}
        permissions={principal.permissions}
        now={new Date().toISOString()}
      />
    </div>
  );
}
