// Entry `@lumenforge/ignis-workspace/server`: the file tree in PostgreSQL, materialised work
// directories, the shared dependency install and the starter project. Server code only.
export * from './files';
export { computeInputDigest } from './digest';
export {
  materialise,
  writeWorkFile,
  removeWorkFile,
  resolveInside,
  isWorkDir,
  GENERATED_FILES,
  type TMaterialiseSource,
  type TMaterialiseOptions,
  type TMaterialised,
} from './materialise';
export {
  ensureDependencies,
  sharedDependencyInstall,
  dependencySetIdFor,
  missingFromShared,
  DependencyInstallError,
  SHARED_DEPENDENCIES,
  type TDependencySet,
  type TInstallRunner,
} from './dependencies';
export { workspaceTokenCss, tokenCssFor, THEME_CSS_FILE, TOKENS_CSS_FILE, type TTokenCss } from './token-css';
export { loadStarterFiles, seedStarterProject, STARTER_PROJECT } from './starter';
export { ignisPaths, STARTER_DIR, WORKSPACE_ROOT } from './paths';
