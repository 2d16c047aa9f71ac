// Entry `@lumenforge/db/server`: the Prisma client, the repositories and the health check. Server
// code only (route handlers, server actions, instrumentation, scripts). It cannot start with
// `import 'server-only'` because tests and tsx scripts import it outside Next.
export {
  createDbClient,
  createReadDbClient,
  getDb,
  getReadDb,
  hasReadReplica,
  disconnectDb,
  poolStats,
  type TDb,
  type TDbClient,
  type TDbTransaction,
  type TCreateDbClientOptions,
  type TCreateReadDbClientOptions,
} from './client';
export type { TPoolStats } from './pg-adapter';
export type { TReadRouteChange } from './read-replica';
export { pingDatabase, pingReadReplica } from './health';
export { createRepositories, createReadRepositories, type TRepositories } from './repositories';
export { UserRepository, type TListUsers } from './user.repository';
export { WorkspaceRepository } from './workspace.repository';
export { MembershipRepository, type TMembershipKey } from './membership.repository';
export { SessionRepository, type TLiveSessionFilter } from './session.repository';
export { AuditLogRepository } from './audit-log.repository';
export {
  generateSessionToken,
  hashSessionToken,
  hashToken,
  generateApiToken,
  isApiTokenFormat,
  apiTokenDisplayPrefix,
  API_TOKEN_MARKER,
  API_TOKEN_PREFIX_LENGTH,
} from './session-token';
export { TokenSetRepository } from './token-set.repository';
export { ComponentRepository } from './component.repository';
export { ProjectWorkRepository } from './project-work.repository';
export { ApiTokenRepository, API_TOKEN_LAST_USED_INTERVAL_MS } from './api-token.repository';
export { isUniqueViolation, isRecordNotFound } from './prisma-errors';
export { isDatabaseUnavailable, toDatabaseError, databaseUnavailableReason } from './connection-errors';
export {
  DbConflictError,
  DbNotFoundError,
  DatabaseUnavailableError,
  type TDatabaseUnavailableReason,
} from './db-errors';
export {
  OutboxRepository,
  OUTBOX_CHANNEL,
  sequenceOutbox,
  readOutbox,
  pruneEventLog,
  listOutboxPage,
  toOutboxRecord,
  OUTBOX_PAGE_MAX_LIMIT,
  type TPruneEventLogOptions,
  type TListOutboxPageOptions,
  type TOutboxPage,
  type TOutboxRecord,
} from './outbox.repository';
export { HealthSampleRepository, readPostgresStats, sampleMinute } from './health-sample.repository';
