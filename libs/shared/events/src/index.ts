// @lumenforge/events — the platform's event contracts. No I/O.
export { defineEvent, type TEventDefinition, type TWissilSubject } from './define-event';
export {
  EVENT_ACTOR_TYPES,
  WISSIL_SUBJECT_PATTERN,
  ZEventActorSchema,
  ZEventEnvelopeSchema,
  type TEventActor,
  type TRawEventEnvelope,
} from './event-envelope.schema';
export {
  DEPLOY_ENVIRONMENTS,
  HEALTH_STATUSES,
  USER_ROLES,
  ZDeployEnvironmentSchema,
  ZHealthCheckResultSchema,
  ZHealthStatusSchema,
  ZUserRoleSchema,
  type TDeployEnvironment,
  type THealthCheckResult,
  type TUserRole,
} from './event-fields.schema';
export {
  EVENT_REGISTRY,
  EVENT_SUBJECTS,
  getEventDefinition,
  isEventSubject,
  type TEventData,
  type TEventDataInput,
  type TEventEnvelope,
  type TEventRegistry,
  type TEventSubject,
  type TRegisteredEventDefinition,
} from './event-registry';
export { createEvent, type TCreateEventInput } from './create-event';
export { parseEvent, type TParseEventResult } from './parse-event';
export { InvalidEventError, type TEventIssue } from './invalid-event.error';
export { isValidSubjectPattern, subjectMatches, WISSIL_STREAM_SUBJECTS } from './subject-matches';

export { BUILD_STARTED, BUILD_TRIGGERS, type TBuildStarted } from './build-started.event';
export { BUILD_PROGRESS, BUILD_STAGES, ZBuildStageSchema, type TBuildProgress } from './build-progress.event';
export { BUILD_COMPLETED, type TBuildCompleted } from './build-completed.event';
export { BUILD_FAILED, type TBuildFailed } from './build-failed.event';
export { DEPLOY_STARTED, type TDeployStarted } from './deploy-started.event';
export { DEPLOY_HEALTH_CHECK, type TDeployHealthCheck } from './deploy-health-check.event';
export { DEPLOY_COMPLETED, type TDeployCompleted } from './deploy-completed.event';
export { DEPLOY_FAILED, DEPLOY_STAGES, type TDeployFailed } from './deploy-failed.event';
export { DEPLOY_ROLLED_BACK, type TDeployRolledBack } from './deploy-rolled-back.event';
export { COMPONENT_CREATED, COMPONENT_ORIGINS, type TComponentCreated } from './component-created.event';
export { COMPONENT_UPDATED, type TComponentUpdated } from './component-updated.event';
export { COMPONENT_PUBLISHED, type TComponentPublished } from './component-published.event';
export { COMPONENT_DEPRECATED, type TComponentDeprecated } from './component-deprecated.event';
export {
  TOKENS_UPDATED,
  ZTokenChangeSummarySchema,
  type TTokenChangeSummary,
  type TTokensUpdated,
} from './tokens-updated.event';
export { PROJECT_CREATED, type TProjectCreated } from './project-created.event';
export { USER_LOGIN, type TUserLogin } from './user-login.event';
export { LOGOUT_REASONS, USER_LOGOUT, type TUserLogout } from './user-logout.event';
export { USER_ROLE_CHANGED, type TUserRoleChanged } from './user-role-changed.event';
export { SYSTEM_HEALTH, type TSystemHealth } from './system-health.event';
export { ALERT_SEVERITIES, SYSTEM_ALERT, type TSystemAlert } from './system-alert.event';
export { MAINTENANCE_PHASES, SYSTEM_MAINTENANCE, type TSystemMaintenance } from './system-maintenance.event';
