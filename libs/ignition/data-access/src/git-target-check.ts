import { DEFAULT_TOKEN_USERNAME, GITHUB_API_URL } from '@lumenforge/ignition-git';
import type { TWizardGit } from '@lumenforge/ignition-templates';

/** Why a Git target cannot be used; `status` is what the API answers (400 input, 401 credentials, 409 taken, 503 unreachable). */
export class GitTargetRefusedError extends Error {
  constructor(
    readonly code:
      | 'bad-credentials'
      | 'owner-not-found'
      | 'repository-exists'
      | 'branch-not-empty'
      | 'repository-not-found'
      | 'unreachable'
      | 'invalid-input',
    message: string,
  ) {
    super(message);
    this.name = 'GitTargetRefusedError';
  }

  get status(): 400 | 401 | 404 | 409 | 503 {
    switch (this.code) {
      case 'bad-credentials':
        return 401;
      case 'owner-not-found':
      case 'repository-not-found':
        return 404;
      case 'repository-exists':
      case 'branch-not-empty':
        return 409;
      case 'unreachable':
        return 503;
      default:
        return 400;
    }
  }
}

const TIMEOUT_MS = 8_000;

async function request(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new GitTargetRefusedError('unreachable', `${what} cannot be reached (${new URL(url).host})`);
  }
}

/**
 * Asks a smart-HTTP remote for its refs the way `git push` starts (`info/refs?service=git-receive-pack`):
 * the credentials must be accepted and the branch must not exist yet (the first push never forces).
 */
async function checkRemote(git: Extract<TWizardGit, { kind: 'remote' }>, token: string | undefined) {
  const base = git.url.replace(/\/+$/, '');
  const headers: Record<string, string> = {};
  if (token)
    headers['authorization'] =
      `Basic ${Buffer.from(`${git.username || DEFAULT_TOKEN_USERNAME}:${token}`).toString('base64')}`;
  const response = await request(`${base}/info/refs?service=git-receive-pack`, { headers }, 'The Git remote');
  if (response.status === 401 || response.status === 403)
    throw new GitTargetRefusedError(
      'bad-credentials',
      token ? 'The Git remote refused the token' : 'The Git remote needs a token to push',
    );
  if (response.status === 404)
    throw new GitTargetRefusedError('repository-not-found', `There is no repository at ${git.url}`);
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('git-receive-pack'))
    throw new GitTargetRefusedError(
      response.status >= 500 ? 'unreachable' : 'invalid-input',
      `${git.url} does not answer as a Git server over HTTPS (status ${response.status})`,
    );
  const refs = await response.text();
  if (refs.includes(`refs/heads/${git.branch}\n`) || refs.includes(`refs/heads/${git.branch}\0`))
    throw new GitTargetRefusedError(
      'branch-not-empty',
      `The branch ${git.branch} of ${git.url} already has commits: choose an empty repository or another branch`,
    );
  return `${git.url} accepts pushes to ${git.branch}`;
}

/** GitHub: the token works, the owner is the token's user or an organisation, the repository does not exist yet. */
async function checkGitHub(git: Extract<TWizardGit, { kind: 'github' }>, token: string | undefined) {
  if (!token)
    throw new GitTargetRefusedError('bad-credentials', 'A GitHub token is needed to create the repository');
  const api = (git.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/vnd.github+json',
    'user-agent': 'lumenforge-ignition',
  };
  const user = await request(`${api}/user`, { headers }, 'GitHub');
  if (user.status === 401)
    throw new GitTargetRefusedError('bad-credentials', 'GitHub refused the token (bad credentials)');
  if (!user.ok)
    throw new GitTargetRefusedError(
      user.status >= 500 ? 'unreachable' : 'bad-credentials',
      `GitHub answered ${user.status} when asked who the token belongs to`,
    );
  const login = String(((await user.json()) as { login?: unknown }).login ?? '');
  const isOwnAccount = login.toLowerCase() === git.owner.toLowerCase();
  if (!isOwnAccount) {
    const org = await request(`${api}/orgs/${encodeURIComponent(git.owner)}`, { headers }, 'GitHub');
    if (org.status === 404)
      throw new GitTargetRefusedError(
        'owner-not-found',
        `${git.owner} is neither the token's account (${login}) nor an organisation on GitHub`,
      );
  }
  const repo = await request(
    `${api}/repos/${encodeURIComponent(git.owner)}/${encodeURIComponent(git.repository)}`,
    { headers },
    'GitHub',
  );
  if (repo.ok)
    throw new GitTargetRefusedError(
      'repository-exists',
      `${git.owner}/${git.repository} already exists on GitHub`,
    );
  return `The token belongs to ${login}; ${git.owner}/${git.repository} can be created`;
}

/**
 * `POST /api/git/check`: whether a wizard's Git target will work, creating nothing. Returns a
 * sentence for the wizard, or throws {@link GitTargetRefusedError}.
 */
export async function checkGitTarget(git: TWizardGit, credentials: { gitToken?: string }): Promise<string> {
  if (git.kind === 'none')
    return 'No Git remote: the project stays in the platform and can be downloaded as a zip';
  if (git.kind === 'remote') return checkRemote(git, credentials.gitToken);
  return checkGitHub(git, credentials.gitToken);
}
