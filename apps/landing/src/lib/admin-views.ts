import type { TRole } from '@lumenforge/auth';
import type { TAuditLog, TAuditResult, TUserStatus, TUserWithRole } from '@lumenforge/db';

// JSON answers of `/api/admin/*` (times ISO 8601), also the props of the admin pages' client parts.

/** A row of the admin users table. */
export type TAdminUserView = {
  id: string;
  email: string;
  name: string;
  /** The role in the admin's workspace (null: no membership). */
  role: TRole | null;
  status: TUserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  /** The admin's own row: role and activation cannot be changed here (self-lockout). */
  isSelf: boolean;
};

export function toAdminUserView(user: TUserWithRole, currentUserId: string): TAdminUserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    isSelf: user.id === currentUserId,
  };
}

/** A user named in an audit entry; name and email are null when the user no longer exists. */
export type TAuditUserRef = { id: string; name: string | null; email: string | null };

/** A row of the audit log. */
export type TAuditEntryView = {
  id: string;
  occurredAt: string;
  action: string;
  result: TAuditResult;
  actor: TAuditUserRef | null;
  targetType: string | null;
  targetId: string | null;
  /** Set when the target is a user that could be looked up. */
  targetUser: TAuditUserRef | null;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  metadata: Record<string, unknown>;
};

export function toAuditEntryView(
  entry: TAuditLog,
  users: ReadonlyMap<string, { name: string; email: string }>,
): TAuditEntryView {
  const ref = (id: string): TAuditUserRef => {
    const user = users.get(id);
    return { id, name: user?.name ?? null, email: user?.email ?? null };
  };
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    action: entry.action,
    result: entry.result,
    actor: entry.actorUserId ? ref(entry.actorUserId) : null,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetUser: entry.targetType === 'user' && entry.targetId ? ref(entry.targetId) : null,
    ip: entry.ip,
    userAgent: entry.userAgent,
    correlationId: entry.correlationId,
    metadata: entry.metadata,
  };
}

/** The user ids an audit page mentions (actors, and targets of type `user`), without repeats. */
export function auditUserIds(entries: readonly TAuditLog[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.actorUserId) ids.add(entry.actorUserId);
    if (entry.targetType === 'user' && entry.targetId) ids.add(entry.targetId);
  }
  return [...ids];
}
