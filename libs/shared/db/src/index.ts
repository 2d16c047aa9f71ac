// Entry `@lumenforge/db`: zod schemas, DTO types and error classes only. No I/O, no Prisma: safe to
// import from client components, contracts and tests. The client and repositories are in `./server`.
export {
  USER_STATUSES,
  ZUserStatusSchema,
  ZEmailSchema,
  ZUserSchema,
  ZCreateUserSchema,
  ZUserWithRoleSchema,
  type TUserStatus,
  type TUser,
  type TCreateUser,
  type TUserWithRole,
} from './user.schema';
export {
  ZWorkspaceSlugSchema,
  ZWorkspaceSchema,
  ZCreateWorkspaceSchema,
  ZRoleCountsSchema,
  ZWorkspaceWithCountsSchema,
  type TWorkspace,
  type TCreateWorkspace,
  type TRoleCounts,
  type TWorkspaceWithCounts,
} from './workspace.schema';
export {
  MEMBERSHIP_ROLES,
  ZMembershipRoleSchema,
  ZMembershipSchema,
  ZUserWorkspaceSchema,
  type TMembershipRole,
  type TMembership,
  type TUserWorkspace,
} from './membership.schema';
export { ZSessionSchema, ZCreateSessionSchema, type TSession, type TCreateSession } from './session.schema';
export {
  API_TOKEN_MAX_LIFETIME_DAYS,
  ZApiTokenSchema,
  ZApiTokenNameSchema,
  ZApiTokenScopesSchema,
  ZCreateApiTokenSchema,
  apiTokenExpiryProblem,
  type TApiToken,
  type TCreateApiToken,
} from './api-token.schema';
export {
  AUDIT_RESULTS,
  ZAuditResultSchema,
  ZAuditMetadataSchema,
  ZAuditLogSchema,
  ZAppendAuditLogSchema,
  ZListAuditLogsSchema,
  type TAuditResult,
  type TAuditLog,
  type TAppendAuditLog,
  type TListAuditLogs,
  type TAuditLogPage,
} from './audit-log.schema';
export {
  DbConflictError,
  DbNotFoundError,
  DatabaseUnavailableError,
  DATABASE_UNAVAILABLE_REASONS,
  type TDatabaseUnavailableReason,
} from './db-errors';
export {
  TOKEN_VERSION_BUMPS,
  ZAppendTokenVersionSchema,
  ZTokenSetSchema,
  ZTokenVersionSchema,
  ZTokenVersionSummarySchema,
  type TAppendTokenVersion,
  type TTokenSetRow,
  type TTokenVersionRow,
  type TTokenVersionSummaryRow,
} from './token-set.schema';
export {
  HEALTH_SAMPLE_KINDS,
  HEALTH_SAMPLE_STATUSES,
  METRIC_LEVELS,
  ZHealthSampleKindSchema,
  ZHealthSampleStatusSchema,
  ZMetricLevelSchema,
  ZHealthSampleSchema,
  ZNewHealthSampleSchema,
  type THealthSampleKind,
  type THealthSampleStatus,
  type TMetricLevel,
  type THealthSampleMetrics,
  type THealthSampleLevels,
  type THealthSample,
  type TNewHealthSample,
  type THealthStatusCount,
  type TPostgresStats,
} from './health-sample.schema';
