// Entry `@lumenforge/ignis-workspace/files`: the project file tree in PostgreSQL and its rules,
// without the work-directory and dependency code (no filesystem access: safe to bundle into the
// ignis app's route handlers and pages).
export * from './index';
export {
  ProjectFileRepository,
  type TProjectFile,
  type TProjectFileEntry,
  type TAfterTreeChange,
  type TTreeChange,
  type TWriteFileOptions,
  type TWriteFileResult,
} from './project-file.repository';
export { computeTreeRevision, sha256Hex } from './digest';
