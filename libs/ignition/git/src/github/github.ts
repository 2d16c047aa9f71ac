import { createPrivateKey } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { SignJWT } from 'jose';
import { DEFAULT_TOKEN_USERNAME } from '../remote';
import { GitHubError, toGitHubError, type GitHubCallContext } from './github-errors';

export const GITHUB_API_URL = 'https://api.github.com';

/** A personal access token (classic or fine-grained), or a GitHub App installation. */
export type GitHubCredentials =
  | { token: string }
  | { appId: string | number; privateKey: string; installationId: number };

export type GitHubConnection = {
  credentials: GitHubCredentials;
  /** `https://api.github.com` (default) or GitHub Enterprise Server's `https://ghe.example/api/v3`. */
  baseUrl?: string;
  signal?: AbortSignal;
};

export type CreateGitHubRepositoryOptions = GitHubConnection & {
  /** A user (the token's own account) or an organisation. */
  owner: string;
  name: string;
  private?: boolean;
  description?: string;
};

export type CreatedGitHubRepository = {
  id: number;
  fullName: string;
  htmlUrl: string;
  cloneUrl: string;
  defaultBranch: string;
  isPrivate: boolean;
  /** Credentials that can push to the new repository (for an App: the installation token, valid one hour). */
  pushAuth: { username: string; token: string };
};

export type OpenPullRequestOptions = GitHubConnection & {
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body?: string;
};

export type OpenedPullRequest = { number: number; htmlUrl: string; url: string };

const SILENT_LOG = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const USER_AGENT = 'lumenforge-ignition';
// GitHub rejects App JWTs issued in the future or living over 10 minutes; backdate for clock drift.
const JWT_BACKDATE_S = 60;
const JWT_LIFETIME_S = 9 * 60;

function octokitFor(auth: string, baseUrl: string, signal?: AbortSignal): Octokit {
  return new Octokit({ auth, baseUrl, userAgent: USER_AGENT, log: SILENT_LOG, request: { signal } });
}

function normaliseBaseUrl(baseUrl: string | undefined): string {
  const url = (baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(url)) throw new GitHubError('invalid-input', `The GitHub API URL must start with https:// (got ${url}).`);
  return url;
}

/** Signs the short-lived JWT a GitHub App uses to call /app endpoints (RS256, PKCS#1 or PKCS#8 PEM). */
export async function signGitHubAppJwt(appId: string | number, privateKeyPem: string, now = Date.now()): Promise<string> {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw new GitHubError('invalid-input', 'The GitHub App private key is not a PEM RSA key (download it again from the App settings).');
  }
  const issuedAt = Math.floor(now / 1000) - JWT_BACKDATE_S;
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(String(appId))
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + JWT_BACKDATE_S + JWT_LIFETIME_S)
    .sign(key);
}

type Session = {
  octokit: Octokit;
  baseUrl: string;
  token: string;
  secrets: string[];
  /** For an App: the account it is installed on. For a token: null until asked. */
  installationAccount: { login: string; type: string } | null;
};

/** Resolves credentials to a token; for an App, creates an installation token (POST /app/installations/{id}/access_tokens). */
async function openSession(connection: GitHubConnection): Promise<Session> {
  const baseUrl = normaliseBaseUrl(connection.baseUrl);
  const { credentials, signal } = connection;
  if ('token' in credentials) {
    if (!credentials.token.trim()) throw new GitHubError('invalid-input', 'The GitHub token is empty.');
    return { octokit: octokitFor(credentials.token, baseUrl, signal), baseUrl, token: credentials.token, secrets: [credentials.token], installationAccount: null };
  }
  const jwt = await signGitHubAppJwt(credentials.appId, credentials.privateKey);
  const secrets = [jwt];
  const context: GitHubCallContext = { action: 'app-installation', installationId: credentials.installationId };
  try {
    const appClient = octokitFor(jwt, baseUrl, signal);
    const installation = await appClient.rest.apps.getInstallation({ installation_id: credentials.installationId });
    const created = await appClient.rest.apps.createInstallationAccessToken({ installation_id: credentials.installationId });
    const account = installation.data.account as { login?: string; slug?: string; type?: string } | null;
    const token = created.data.token;
    return {
      octokit: octokitFor(token, baseUrl, signal),
      baseUrl,
      token,
      secrets: [jwt, token],
      installationAccount: { login: account?.login ?? account?.slug ?? '', type: account?.type ?? 'Organization' },
    };
  } catch (error) {
    throw toGitHubError(error, context, baseUrl, secrets);
  }
}

/**
 * Creates a repository on GitHub or GitHub Enterprise. With a token, the owner is either the token's
 * own user (`POST /user/repos`) or an organisation (`POST /orgs/{org}/repos`); with App credentials,
 * the owner must be the organisation the App is installed on (installation tokens cannot create
 * repositories in personal accounts).
 */
export async function createGitHubRepository(options: CreateGitHubRepositoryOptions): Promise<CreatedGitHubRepository> {
  const { owner, name } = options;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(owner)) throw new GitHubError('invalid-input', `"${owner}" is not a GitHub user or organisation name.`);
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || name === '.' || name === '..') {
    throw new GitHubError('invalid-input', `"${name}" is not a valid repository name (letters, digits, ".", "-", "_", up to 100).`);
  }
  const session = await openSession(options);
  const context: GitHubCallContext = { action: 'create-repository', owner, name };
  try {
    const isOwnAccount = await isTokenUser(session, owner);
    const body = { name, private: options.private ?? true, description: options.description, auto_init: false };
    const { data } = isOwnAccount
      ? await session.octokit.rest.repos.createForAuthenticatedUser(body)
      : await session.octokit.rest.repos.createInOrg({ org: owner, ...body });
    return {
      id: data.id,
      fullName: data.full_name,
      htmlUrl: data.html_url,
      cloneUrl: data.clone_url,
      defaultBranch: data.default_branch || 'main',
      isPrivate: data.private,
      pushAuth: { username: DEFAULT_TOKEN_USERNAME, token: session.token },
    };
  } catch (error) {
    throw toGitHubError(error, context, session.baseUrl, session.secrets);
  }
}

async function isTokenUser(session: Session, owner: string): Promise<boolean> {
  if (session.installationAccount) {
    const account = session.installationAccount;
    if (account.login.toLowerCase() !== owner.toLowerCase()) {
      throw new GitHubError('forbidden', `The GitHub App is installed on "${account.login}", not on "${owner}". Install it on ${owner} or choose ${account.login}.`);
    }
    if (account.type === 'User') {
      throw new GitHubError('forbidden', 'A GitHub App cannot create repositories in a personal account: use a token, or install the App on an organisation.');
    }
    return false;
  }
  try {
    const { data } = await session.octokit.rest.users.getAuthenticated();
    return data.login.toLowerCase() === owner.toLowerCase();
  } catch (error) {
    throw toGitHubError(error, { action: 'identify-user' }, session.baseUrl, session.secrets);
  }
}

/** Opens a pull request (IGNITION's template updates: the update branch into the default branch). */
export async function openPullRequest(options: OpenPullRequestOptions): Promise<OpenedPullRequest> {
  const { owner, repo, head, base, title } = options;
  if (!title.trim()) throw new GitHubError('invalid-input', 'The pull request needs a title.');
  const session = await openSession(options);
  try {
    const { data } = await session.octokit.rest.pulls.create({ owner, repo, head, base, title, body: options.body });
    return { number: data.number, htmlUrl: data.html_url, url: data.url };
  } catch (error) {
    throw toGitHubError(error, { action: 'open-pull-request', owner, repo, head, base }, session.baseUrl, session.secrets);
  }
}
