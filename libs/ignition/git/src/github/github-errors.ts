import { redactSecrets } from '../redact';

export type GitHubFailureCode =
  | 'bad-credentials'
  | 'forbidden'
  | 'rate-limited'
  | 'name-taken'
  | 'owner-not-found'
  | 'not-found'
  | 'pull-request-exists'
  | 'no-changes'
  | 'validation'
  | 'network'
  | 'cancelled'
  | 'invalid-input'
  | 'unknown';

/** A GitHub API call that failed, with a message for the user and GitHub's own words beside it. */
export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    readonly code: GitHubFailureCode,
    message: string,
    readonly details: {
      status?: number;
      /** GitHub's `message` and `errors[].message`, as it sent them. */
      githubMessage?: string;
      /** From `X-Accepted-GitHub-Permissions` (fine-grained tokens, Apps), e.g. `administration=write`. */
      acceptedPermissions?: string;
      /** From `X-Accepted-OAuth-Scopes` (classic tokens), e.g. `repo`. */
      acceptedScopes?: string;
      documentationUrl?: string;
    } = {},
  ) {
    super(message);
  }
}

type ErrorBody = { message?: string; errors?: Array<{ message?: string; code?: string; field?: string } | string>; documentation_url?: string };
type OctokitLikeError = {
  status?: number;
  message?: string;
  cause?: unknown;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
};

export type GitHubCallContext =
  | { action: 'create-repository'; owner: string; name: string }
  | { action: 'open-pull-request'; owner: string; repo: string; head: string; base: string }
  | { action: 'app-installation'; installationId: number }
  | { action: 'identify-user' };

/** Maps an Octokit error (or a fetch failure) to a typed GitHubError. Secrets are removed from every text. */
export function toGitHubError(error: unknown, context: GitHubCallContext, baseUrl: string, secrets: readonly string[]): GitHubError {
  if (error instanceof GitHubError) return error;
  const failure = (error ?? {}) as OctokitLikeError;
  const clean = (text: string) => redactSecrets(text, secrets);
  if ((error as Error | undefined)?.name === 'AbortError') return new GitHubError('cancelled', 'The GitHub request was cancelled.');
  if (!failure.response) {
    const cause = failure.cause instanceof Error ? failure.cause.message : (failure.message ?? String(error));
    return new GitHubError('network', clean(`GitHub could not be reached at ${baseUrl}: ${cause}.`));
  }
  const status = failure.status ?? 0;
  const headers = failure.response.headers ?? {};
  const body = (typeof failure.response.data === 'object' && failure.response.data ? failure.response.data : {}) as ErrorBody;
  const errorMessages = (body.errors ?? []).map((entry) => (typeof entry === 'string' ? entry : (entry.message ?? entry.code ?? '')));
  const githubMessage = clean([body.message, ...errorMessages].filter(Boolean).join(' — '));
  const details = {
    status,
    githubMessage,
    acceptedPermissions: headerValue(headers, 'x-accepted-github-permissions'),
    acceptedScopes: headerValue(headers, 'x-accepted-oauth-scopes'),
    documentationUrl: body.documentation_url,
  };
  const quoted = githubMessage ? ` GitHub says: "${githubMessage}".` : '';
  const target = describeTarget(context);

  if (status === 401) {
    return new GitHubError('bad-credentials', `GitHub refused the credentials (401): the token or app key is wrong, expired or revoked.${quoted}`, details);
  }
  if (status === 403 || status === 429) {
    const isRateLimited = status === 429 || headerValue(headers, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(githubMessage);
    if (isRateLimited) {
      const retryAfter = headerValue(headers, 'retry-after');
      return new GitHubError('rate-limited', `GitHub's API rate limit is used up${retryAfter ? `; retry in ${retryAfter} s` : ''}.${quoted}`, details);
    }
    const needed = details.acceptedPermissions ? ` It needs the permission ${details.acceptedPermissions}.` : details.acceptedScopes ? ` It needs the scope ${details.acceptedScopes}.` : '';
    return new GitHubError('forbidden', `These credentials may not ${target} (403).${needed}${quoted}`, details);
  }
  if (status === 404) {
    if (context.action === 'create-repository') {
      return new GitHubError('owner-not-found', `GitHub has no organisation "${context.owner}" that these credentials can create repositories in (404).`, details);
    }
    return new GitHubError('not-found', `GitHub found nothing to ${target} (404): check the owner, the repository and the credentials' access.`, details);
  }
  if (status === 422) {
    if (context.action === 'create-repository' && errorMessages.some((message) => /already exists/i.test(message))) {
      return new GitHubError('name-taken', `A repository named ${context.owner}/${context.name} already exists. Choose another name.`, details);
    }
    if (context.action === 'open-pull-request' && /pull request already exists/i.test(githubMessage)) {
      return new GitHubError('pull-request-exists', `A pull request from ${context.head} into ${context.base} is already open.`, details);
    }
    if (context.action === 'open-pull-request' && /No commits between/i.test(githubMessage)) {
      return new GitHubError('no-changes', `${context.head} has no commits that ${context.base} lacks: there is nothing to propose.`, details);
    }
    return new GitHubError('validation', `GitHub rejected the request to ${target} (422).${quoted}`, details);
  }
  return new GitHubError('unknown', `GitHub answered ${status} to the request to ${target}.${quoted}`, details);
}

function describeTarget(context: GitHubCallContext): string {
  switch (context.action) {
    case 'create-repository':
      return `create the repository ${context.owner}/${context.name}`;
    case 'open-pull-request':
      return `open a pull request in ${context.owner}/${context.repo}`;
    case 'app-installation':
      return `act as the GitHub App installation ${context.installationId}`;
    case 'identify-user':
      return 'read the authenticated user';
  }
}

function headerValue(headers: Record<string, string | number | undefined>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : String(value);
}
