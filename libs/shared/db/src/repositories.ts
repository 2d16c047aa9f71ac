import type { TDb } from './client';
import { AuditLogRepository } from './audit-log.repository';
import { MembershipRepository } from './membership.repository';
import { OutboxRepository } from './outbox.repository';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';
import { WorkspaceRepository } from './workspace.repository';

export type TRepositories = {
  users: UserRepository;
  workspaces: WorkspaceRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  auditLogs: AuditLogRepository;
  outbox: OutboxRepository;
};

/**
 * Every repository over one client or transaction:
 * `db.$transaction(async (tx) => { const repos = createRepositories(tx); … })`.
 */
export function createRepositories(db: TDb): TRepositories {
  return {
    users: new UserRepository(db),
    workspaces: new WorkspaceRepository(db),
    memberships: new MembershipRepository(db),
    sessions: new SessionRepository(db),
    auditLogs: new AuditLogRepository(db),
    outbox: new OutboxRepository(db),
  };
}
