import 'server-only';

export {
  GitAuthenticationError,
  GitCancelledError,
  GitInputError,
  GitOperationError,
  GitPushRejectedError,
  GitRemoteUnreachableError,
  GitRepositoryNotFoundError,
  type GitFailureCode,
} from './git-errors';
export type { ProjectFile } from './project-files';
export { pushInitialCommit, type GitAuthor, type PushInitialCommitOptions, type PushInitialCommitResult } from './push-initial-commit';
export { DEFAULT_TOKEN_USERNAME, type GitRemote } from './remote';
export { redactSecrets } from './redact';
export type { GitLogSink } from './run-git';
export {
  updateProjectBranch,
  type MergeConflict,
  type MergeConflictReason,
  type ProjectRepository,
  type UpdateProjectBranchOptions,
  type UpdateProjectBranchResult,
} from './update-project-branch';
export { GitHubError, type GitHubFailureCode } from './github/github-errors';
export {
  createGitHubRepository,
  GITHUB_API_URL,
  openPullRequest,
  signGitHubAppJwt,
  type CreatedGitHubRepository,
  type CreateGitHubRepositoryOptions,
  type GitHubConnection,
  type GitHubCredentials,
  type OpenedPullRequest,
  type OpenPullRequestOptions,
} from './github/github';
