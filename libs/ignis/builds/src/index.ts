// Entry `@lumenforge/ignis-builds`: IGNIS's build pipeline (server code: PostgreSQL, NATS, child processes).
export {
  BuildRepository,
  insertBuild,
  BUILD_LOG_CHANNEL,
  type TCreateBuildInput,
  type TClaimedRow,
  type TFinishInput,
  type TLogLine,
} from './build.repository';
export {
  PIPELINE_STAGES,
  BUILD_KINDS,
  BUILD_STATUSES,
  ZBuildSourceSchema,
  ZBuildMetricsSchema,
  initialStages,
  type TBuildErrorDetail,
  type TBuildKind,
  type TBuildMetrics,
  type TBuildSource,
  type TBuildStatus,
  type TBuildView,
  type TPipelineStageName,
  type TStageState,
} from './build.schema';
export {
  PostgresBuildQueue,
  JetStreamBuildQueue,
  startJetStreamDispatcher,
  BUILD_QUEUE_STREAM,
  BUILD_QUEUE_SUBJECT,
  type IBuildQueue,
  type TQueueClaim,
} from './build-queue';
export { BuildWorker, type TBuildWorkerOptions } from './build-worker';
export { runPipeline, DEFAULT_STAGE_LIMITS, type TPipelineOptions } from './pipeline';
export { storeArtifact, artifactExists, type TArtifact } from './artifact';
export { measureBuild, formatKb } from './metrics';
export { queueProjectSaveBuild, type TProjectSave } from './project-save-build';
export { COMPONENT_LIBRARY_CONSUMER, queueComponentLibraryBuild } from './component-library.subscriber';
export {
  buildLogStreamResponse,
  createBuildLogNotifications,
  type TBuildLogNotifications,
} from './build-log-stream';
