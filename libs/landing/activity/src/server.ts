// Entry `@lumenforge/landing-activity/server`: the feed's history from the outbox and the filter of
// its live stream. Server code only (route handlers, server components).
import { listOutboxPage, type TDb } from '@lumenforge/db/server';
import type { TEventEnvelope } from '@lumenforge/events';
import { toActivityItem, type TActivityItemContext, type TActivityPage } from './activity-item';
import type { TActivityQuery } from './activity-query';
import { isVisibleTo, visibleSubjects, type TActivityViewer } from './activity-subjects';

/**
 * The subject pattern of the `activity` topic of LANDING's `GET /api/events`. Everything under `wissil.`; the stream's
 * `filter` (`activityStreamFilter`) then drops `wissil.system.health` (every app sends one every
 * 15 s), other workspaces' events and subjects the role may not see.
 */
export const ACTIVITY_STREAM_SUBJECTS: readonly string[] = ['wissil.>'];

/** `eventStreamResponse`'s `filter` for a viewer: the same rule as the history. */
export function activityStreamFilter(viewer: TActivityViewer): (event: TEventEnvelope) => boolean {
  return (event) => isVisibleTo(event, viewer);
}

/**
 * One page of a viewer's feed from the outbox, newest first: the subjects the role may see (no
 * health reports, `wissil.user.*` for admins only) under the query's `system`/`kind`, in the
 * viewer's workspace or platform-wide, older than `before`.
 */
export async function listActivity(
  db: TDb,
  viewer: TActivityViewer,
  query: Pick<TActivityQuery, 'system' | 'kind' | 'before' | 'limit'>,
  context: Omit<TActivityItemContext, 'permissions'>,
): Promise<TActivityPage> {
  const subjects = visibleSubjects(viewer.permissions, { system: query.system, kind: query.kind });
  if (subjects.length === 0) return { items: [], nextBefore: null };
  const page = await listOutboxPage(db, {
    limit: query.limit,
    subjects,
    workspaceId: viewer.workspaceId,
    ...(query.before === undefined ? {} : { before: query.before }),
  });
  const itemContext = { urls: context.urls, permissions: viewer.permissions };
  return {
    items: page.records.map((record) => toActivityItem(record.envelope, itemContext)),
    nextBefore: page.nextBefore,
  };
}
