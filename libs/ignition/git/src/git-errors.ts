/** Why a git operation failed, as IGNITION's task page tells the user. */
export type GitFailureCode =
  | 'invalid-input'
  | 'unreachable'
  | 'authentication-refused'
  | 'repository-not-found'
  | 'push-rejected'
  | 'cancelled'
  | 'git-failed';

/** A failed git operation. `gitOutput` is git's own (redacted) stderr: show it under the message. */
export class GitOperationError extends Error {
  override readonly name: string = 'GitOperationError';
  constructor(
    readonly code: GitFailureCode,
    message: string,
    readonly gitOutput = '',
  ) {
    super(gitOutput ? `${message}\n${gitOutput}` : message);
  }
}

export class GitInputError extends GitOperationError {
  override readonly name = 'GitInputError';
  constructor(message: string) {
    super('invalid-input', message);
  }
}
export class GitRemoteUnreachableError extends GitOperationError {
  override readonly name = 'GitRemoteUnreachableError';
  constructor(gitOutput: string) {
    super('unreachable', 'The Git remote could not be reached. Check the URL and that the server is up.', gitOutput);
  }
}
export class GitAuthenticationError extends GitOperationError {
  override readonly name = 'GitAuthenticationError';
  constructor(gitOutput: string) {
    super(
      'authentication-refused',
      'The Git remote refused the credentials (401/403). Check the token and that it may push to this repository.',
      gitOutput,
    );
  }
}
export class GitRepositoryNotFoundError extends GitOperationError {
  override readonly name = 'GitRepositoryNotFoundError';
  constructor(gitOutput: string) {
    super('repository-not-found', 'The Git remote has no repository at this URL (404).', gitOutput);
  }
}
export class GitPushRejectedError extends GitOperationError {
  override readonly name = 'GitPushRejectedError';
  constructor(
    /** The `remote:` lines the server sent (e.g. a pre-receive hook's message), redacted. */
    readonly remoteMessage: string,
    gitOutput: string,
  ) {
    super(
      'push-rejected',
      remoteMessage
        ? `The Git remote rejected the push: ${remoteMessage}`
        : 'The Git remote rejected the push (the branch already has commits, or a server rule refused it).',
      gitOutput,
    );
  }
}
export class GitCancelledError extends GitOperationError {
  override readonly name = 'GitCancelledError';
  constructor() {
    super('cancelled', 'The Git operation was cancelled.');
  }
}

const AUTH_PATTERNS = [
  /returned error: 40[13]\b/i,
  /Authentication failed/i,
  /could not read (Username|Password)/i,
  /HTTP Basic: Access denied/i,
  /Permission to .* denied/i,
  /Invalid username or (password|token)/i,
];
const NOT_FOUND_PATTERNS = [/returned error: 404\b/i, /repository '.*' not found/i, /not appear to be a git repository/i];
const UNREACHABLE_PATTERNS = [
  /Failed to connect/i,
  /Could not resolve host/i,
  /Couldn't connect to server/i,
  /Connection refused/i,
  /Connection timed out/i,
  /Operation timed out/i,
  /Connection reset/i,
  /SSL certificate problem/i,
  /gnutls_handshake\(\) failed/i,
  /Empty reply from server/i,
  /returned error: 50[234]\b/i,
];
const REJECTED_PATTERNS = [
  /! \[(remote )?rejected\]/,
  /pre-receive hook declined/i,
  /Updates were rejected/i,
  /non-fast-forward/i,
  /failed to push some refs/i,
];

/** The `remote:` lines of git's output, without the prefix, minus git's own progress lines. */
export function remoteLines(gitOutput: string): string {
  return gitOutput
    .split(/\r?\n|\r/)
    .filter((line) => line.startsWith('remote: '))
    .map((line) => line.slice('remote: '.length).trim())
    .filter((line) => line && !/^(Resolving deltas|Counting objects|Compressing objects|Total \d)/.test(line))
    .join('\n');
}

/** Classifies a failed git network command by its (already redacted) stderr. */
export function classifyGitFailure(gitOutput: string, fallback: string): GitOperationError {
  const output = gitOutput.trim();
  // Order matters: a rejected push also says "failed to push some refs"; an auth failure also says "unable to access".
  if (REJECTED_PATTERNS.some((pattern) => pattern.test(output)) && !AUTH_PATTERNS.some((p) => p.test(output))) {
    return new GitPushRejectedError(remoteLines(output), output);
  }
  if (AUTH_PATTERNS.some((pattern) => pattern.test(output))) return new GitAuthenticationError(output);
  if (NOT_FOUND_PATTERNS.some((pattern) => pattern.test(output))) return new GitRepositoryNotFoundError(output);
  if (UNREACHABLE_PATTERNS.some((pattern) => pattern.test(output))) return new GitRemoteUnreachableError(output);
  return new GitOperationError('git-failed', fallback, output);
}
