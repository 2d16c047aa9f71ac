// Entry `@lumenforge/db/server`: the Prisma client, the repositories and the health check. Server
// code only (route handlers, server actions, instrumentation, scripts). It cannot start with
// `import 'server-only'` because tests and tsx scripts import it outside Next.
export {
  createDbClient,
  getDb,
  disconnectDb,
  type TDb,
  type TDbClient,
  type TDbTransaction,
  type TCreateDbClientOptions,
} from './client';
export { pingDatabase } from './health';
export { createRepositories, type TRepositories } from './repositories';
export { UserRepository, type TListUsers } from './user.repository';
export { WorkspaceRepository } from './workspace.repository';
export { MembershipRepository, type TMembershipKey } from './membership.repository';
export { SessionRepository } from './session.repository';
export { AuditLogRepository } from './audit-log.repository';
export { generateSessionToken, hashSessionToken } from './session-token';
export { isUniqueViolation, isRecordNotFound } from './prisma-errors';
export { DbConflictError, DbNotFoundError } from './db-errors';
export {
  OutboxRepository,
  OUTBOX_CHANNEL,
  sequenceOutbox,
  readOutbox,
  type TOutboxRecord,
} from './outbox.repository';
