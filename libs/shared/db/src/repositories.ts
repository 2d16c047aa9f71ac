import { getReadDb, type TDb } from './client';
import { ApiTokenRepository } from './api-token.repository';
import { AuditLogRepository } from './audit-log.repository';
import { ComponentRepository } from './component.repository';
import { HealthSampleRepository } from './health-sample.repository';
import { MembershipRepository } from './membership.repository';
import { OutboxRepository } from './outbox.repository';
import { ProjectWorkRepository } from './project-work.repository';
import { SessionRepository } from './session.repository';
import { TokenSetRepository } from './token-set.repository';
import { UserRepository } from './user.repository';
import { WorkspaceRepository } from './workspace.repository';

export type TRepositories = {
  users: UserRepository;
  workspaces: WorkspaceRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  auditLogs: AuditLogRepository;
  outbox: OutboxRepository;
  tokenSets: TokenSetRepository;
  healthSamples: HealthSampleRepository;
  components: ComponentRepository;
  projectWork: ProjectWorkRepository;
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
    apiTokens: new ApiTokenRepository(db),
    auditLogs: new AuditLogRepository(db),
    outbox: new OutboxRepository(db),
    tokenSets: new TokenSetRepository(db),
    healthSamples: new HealthSampleRepository(db),
    components: new ComponentRepository(db),
    projectWork: new ProjectWorkRepository(db),
  };
}

/**
 * Every repository over {@link getReadDb}: for lists and dashboards, which read from the replica
 * when `DATABASE_REPLICA_URL` is set (else from the primary) and keep working, from the primary,
 * while the replica is down. Replica data may lag the primary by the replication delay: write, and
 * read back what a request just wrote, with `createRepositories(getDb())`.
 */
export function createReadRepositories(): TRepositories {
  return createRepositories(getReadDb());
}
