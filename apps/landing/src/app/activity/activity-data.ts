import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import type { TDbClient } from '@lumenforge/db/server';
import { systemUrls, urlOptionsFromEnv, type TSystemId } from '@lumenforge/config';
import type { TActivityPage, TActivityQuery, TActivityViewer } from '@lumenforge/landing-activity';
import { listActivity } from '@lumenforge/landing-activity/server';
import { getEnv } from '../../env';
import { getRuntime } from '../../runtime';

/** Whose feed it is: the principal's workspace and permissions. */
export function activityViewer(principal: TPrincipal): TActivityViewer {
  return { workspaceId: principal.workspaceId, permissions: principal.permissions };
}

/** The six systems' base URLs, for the links of feed rows. */
export function activityUrls(): Record<TSystemId, string> {
  return systemUrls(urlOptionsFromEnv(getEnv()));
}

/** One page of the principal's feed from the outbox (see `listActivity`). */
export function readActivity(
  principal: TPrincipal,
  query: Pick<TActivityQuery, 'system' | 'kind' | 'before' | 'limit'>,
  deps: { db: TDbClient; urls: Record<TSystemId, string> } = { db: getRuntime().db, urls: activityUrls() },
): Promise<TActivityPage> {
  return listActivity(deps.db, activityViewer(principal), query, { urls: deps.urls });
}
