// Entry `@lumenforge/ignis-workspace`: path and size rules of a project's file tree and their typed
// errors (no I/O: safe for route handlers and client code alike).
export {
  MAX_PATH_LENGTH,
  MAX_FILE_BYTES,
  MAX_TREE_BYTES,
  WorkspaceError,
  InvalidFilePathError,
  FileTooLargeError,
  FileConflictError,
  FileNotFoundError,
  isWorkspaceError,
  formatBytes,
  validateFilePath,
  validateFileSize,
  validateTree,
  contentBytes,
} from './limits';
