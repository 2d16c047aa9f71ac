import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import {
  createReadRepositories,
  createRepositories,
  type TDbClient,
  type TRepositories,
} from '@lumenforge/db/server';
import type { TAuditQuery, TUserListQuery } from './admin-schemas';
import {
  auditUserIds,
  toAdminUserView,
  toAuditEntryView,
  type TAdminUserView,
  type TAuditEntryView,
} from './admin-views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A page of the admin users table: members of the admin's workspace, by email. Reads the primary
 * (not the replica) so a role just changed shows at once when the page refreshes.
 */
export async function listUsersForAdmin(
  db: TDbClient,
  principal: TPrincipal,
  query: TUserListQuery,
): Promise<{ users: TAdminUserView[]; nextCursor: string | null }> {
  const page = await createRepositories(db).users.listWithRoles({
    workspaceId: principal.workspaceId,
    membersOnly: true,
    role: query.role,
    status: query.status,
    search: query.search,
    cursor: query.cursor,
    limit: query.limit,
  });
  return {
    users: page.items.map((user) => toAdminUserView(user, principal.userId)),
    nextCursor: page.nextCursor,
  };
}

/**
 * A page of the audit log, newest first, with actors (and user targets) named. An actor given by
 * email that matches no user yields an empty page (`actorUnknown`), not an error. Reads the
 * replica when there is one (`repos`: tests pass their own database's).
 */
export async function listAuditEntries(
  query: TAuditQuery,
  repos: TRepositories = createReadRepositories(),
): Promise<{ entries: TAuditEntryView[]; nextCursor: string | null; actorUnknown: boolean }> {
  let actorUserId: string | undefined;
  if (query.actor?.kind === 'id') actorUserId = query.actor.id;
  if (query.actor?.kind === 'email') {
    const user = await repos.users.findByEmail(query.actor.email);
    if (!user) return { entries: [], nextCursor: null, actorUnknown: true };
    actorUserId = user.id;
  }
  const page = await repos.auditLogs.list({
    actorUserId,
    action: query.action,
    result: query.result,
    from: query.from,
    to: query.to,
    cursor: query.cursor,
    limit: query.limit,
  });
  // At most 2 × limit lookups by primary key; the users repository has no batch read yet.
  const ids = auditUserIds(page.items).filter((id) => UUID.test(id));
  const found = await Promise.all(ids.map((id) => repos.users.findById(id)));
  const users = new Map(
    found.flatMap((user) => (user ? [[user.id, { name: user.name, email: user.email }] as const] : [])),
  );
  return {
    entries: page.items.map((entry) => toAuditEntryView(entry, users)),
    nextCursor: page.nextCursor,
    actorUnknown: false,
  };
}
