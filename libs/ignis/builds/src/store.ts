// Entry `@lumenforge/ignis-builds/store`: builds in PostgreSQL and their live log stream, for the ignis
// app's routes and pages (no pipeline, no child processes, no NATS: safe to bundle into Next's server).
export {
  BuildRepository,
  BUILD_LOG_CHANNEL,
  type TCreateBuildInput,
  type TLogLine,
} from './build.repository';
export {
  PIPELINE_STAGES,
  BUILD_STATUSES,
  type TBuildErrorDetail,
  type TBuildKind,
  type TBuildMetrics,
  type TBuildStatus,
  type TBuildView,
  type TPipelineStageName,
  type TStageState,
} from './build.schema';
export {
  buildLogStreamResponse,
  createBuildLogNotifications,
  type TBuildLogNotifications,
} from './build-log-stream';
export { formatKb } from './metrics';
export { queueProjectSaveBuild, type TProjectSave } from './project-save-build';
