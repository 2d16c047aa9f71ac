import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHubServer, type FakeGitHubServer } from '../testing/fake-github-server';
import { GitHubError } from './github-errors';
import { createGitHubRepository, openPullRequest } from './github';
import { freePort } from '../testing/free-port';

const OCTOCAT_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const LIMITED_TOKEN = 'github_pat_11ABCDEFG0limitedtoken';
/** GitHub hands out App keys as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"). */
function newAppKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}
const APP_KEY = newAppKey();
const OTHER_KEY = newAppKey();

let github: FakeGitHubServer;
beforeAll(async () => {
  github = await startFakeGitHubServer({
    users: [
      { login: 'octocat', token: OCTOCAT_TOKEN, orgs: ['octo-org'] },
      { login: 'limited', token: LIMITED_TOKEN, canCreateRepositories: false },
    ],
    organisations: ['octo-org', 'solo-org'],
    existingRepositories: ['octocat/taken'],
    app: {
      appId: 4242,
      privateKeyPem: APP_KEY,
      installations: [
        { id: 1, account: 'octo-org', type: 'Organization' },
        { id: 2, account: 'octocat', type: 'User' },
      ],
    },
  });
});
afterAll(async () => github?.close());

async function failure(promise: Promise<unknown>): Promise<GitHubError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(GitHubError);
  return error as GitHubError;
}

describe('createGitHubRepository with a token', () => {
  it("creates the repository in the token user's own account through POST /user/repos", async () => {
    const repo = await createGitHubRepository({
      credentials: { token: OCTOCAT_TOKEN },
      baseUrl: github.baseUrl,
      owner: 'OctoCat',
      name: 'demo-app',
      description: 'Made by IGNITION',
    });
    expect(repo).toMatchObject({
      // GitHub answers with the account's canonical spelling.
      fullName: 'octocat/demo-app',
      cloneUrl: 'https://github.com/octocat/demo-app.git',
      htmlUrl: 'https://github.com/octocat/demo-app',
      defaultBranch: 'main',
      isPrivate: true,
      pushAuth: { username: 'x-access-token', token: OCTOCAT_TOKEN },
    });
    const calls = github.requests.slice(-2);
    expect(calls.map((call) => `${call.method} ${call.path} ${call.authScheme}`)).toEqual(['GET /user token', 'POST /user/repos token']);
    expect(calls[1]?.body).toEqual({ name: 'demo-app', private: true, description: 'Made by IGNITION', auto_init: false });
  });

  it('creates it in an organisation through POST /orgs/{org}/repos', async () => {
    const repo = await createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: github.baseUrl, owner: 'octo-org', name: 'shared-ui', private: false });
    expect(repo).toMatchObject({ fullName: 'octo-org/shared-ui', isPrivate: false });
    expect(github.requests.at(-1)).toMatchObject({ method: 'POST', path: '/orgs/octo-org/repos' });
  });

  it('maps "name already exists on this account" (422) to name-taken', async () => {
    const error = await failure(createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: github.baseUrl, owner: 'octocat', name: 'taken' }));
    expect(error.code).toBe('name-taken');
    expect(error.message).toBe('A repository named octocat/taken already exists. Choose another name.');
    expect(error.details).toMatchObject({ status: 422, githubMessage: 'Repository creation failed. — name already exists on this account' });
  });

  it('maps a bad token (401) to bad-credentials without echoing the token', async () => {
    const wrong = 'ghp_wrongwrongwrongwrongwrongwrongwrong1';
    const error = await failure(createGitHubRepository({ credentials: { token: wrong }, baseUrl: github.baseUrl, owner: 'octocat', name: 'x' }));
    expect(error.code).toBe('bad-credentials');
    expect(error.message).toContain('Bad credentials');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);
  });

  it('maps a token without the Administration permission (403) to forbidden, naming the permission', async () => {
    const error = await failure(createGitHubRepository({ credentials: { token: LIMITED_TOKEN }, baseUrl: github.baseUrl, owner: 'limited', name: 'x' }));
    expect(error.code).toBe('forbidden');
    expect(error.details.acceptedPermissions).toBe('administration=write');
    expect(error.message).toContain('administration=write');
    expect(error.message).toContain('Resource not accessible by personal access token');
  });

  it('maps an unknown organisation (404) to owner-not-found', async () => {
    const error = await failure(createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: github.baseUrl, owner: 'no-such-org', name: 'x' }));
    expect(error.code).toBe('owner-not-found');
    expect(error.message).toContain('no-such-org');
  });

  it('maps a refused connection to network and an exhausted rate limit to rate-limited', async () => {
    const port = await freePort();
    const offline = await failure(createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: `http://127.0.0.1:${port}`, owner: 'octocat', name: 'x' }));
    expect(offline.code).toBe('network');
    expect(offline.message).toContain(`127.0.0.1:${port}`);

    const limited = await startFakeGitHubServer({ users: [{ login: 'octocat', token: OCTOCAT_TOKEN }], isRateLimited: true });
    try {
      const error = await failure(createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: limited.baseUrl, owner: 'octocat', name: 'x' }));
      expect(error.code).toBe('rate-limited');
      expect(error.message).toContain('retry in 60 s');
    } finally {
      await limited.close();
    }
  });

  it('an aborted signal is cancelled, not a network failure', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: github.baseUrl, owner: 'octocat', name: 'x', signal: controller.signal }));
    expect(error.code).toBe('cancelled');
  });

  it('rejects invalid names before calling GitHub', async () => {
    const before = github.requests.length;
    const error = await failure(createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: github.baseUrl, owner: 'octocat', name: 'has space' }));
    expect(error.code).toBe('invalid-input');
    expect(github.requests.length).toBe(before);
  });
});

describe('createGitHubRepository on GitHub Enterprise Server', () => {
  let enterprise: FakeGitHubServer;
  beforeAll(async () => {
    enterprise = await startFakeGitHubServer({ users: [{ login: 'octocat', token: OCTOCAT_TOKEN }], pathPrefix: '/api/v3' });
  });
  afterAll(async () => enterprise?.close());

  it('talks to {host}/api/v3', async () => {
    expect(enterprise.baseUrl).toMatch(/\/api\/v3$/);
    const repo = await createGitHubRepository({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: `${enterprise.baseUrl}/`, owner: 'octocat', name: 'ghe-app' });
    expect(repo.fullName).toBe('octocat/ghe-app');
    expect(enterprise.repositories.has('octocat/ghe-app')).toBe(true);
  });
});

describe('createGitHubRepository with GitHub App credentials', () => {
  it('signs a JWT, creates an installation token and creates the repository in the installed organisation', async () => {
    const before = github.requests.length;
    const repo = await createGitHubRepository({
      credentials: { appId: 4242, privateKey: APP_KEY, installationId: 1 },
      baseUrl: github.baseUrl,
      owner: 'octo-org',
      name: 'app-made',
    });
    expect(repo.fullName).toBe('octo-org/app-made');
    expect(repo.pushAuth.token).toMatch(/^ghs_[0-9a-f]{36}$/);
    const calls = github.requests.slice(before).map((call) => `${call.method} ${call.path} ${call.authScheme}`);
    expect(calls).toEqual(['GET /app/installations/1 bearer', 'POST /app/installations/1/access_tokens bearer', 'POST /orgs/octo-org/repos token']);
  });

  it('a JWT signed with another key is bad-credentials', async () => {
    const error = await failure(createGitHubRepository({ credentials: { appId: 4242, privateKey: OTHER_KEY, installationId: 1 }, baseUrl: github.baseUrl, owner: 'octo-org', name: 'x' }));
    expect(error.code).toBe('bad-credentials');
    expect(error.details.githubMessage).toBe('A JSON web token could not be decoded');
  });

  it('refuses a personal-account installation or another owner with a clear message', async () => {
    const personal = await failure(createGitHubRepository({ credentials: { appId: 4242, privateKey: APP_KEY, installationId: 2 }, baseUrl: github.baseUrl, owner: 'octocat', name: 'x' }));
    expect(personal.code).toBe('forbidden');
    expect(personal.message).toContain('personal account');
    const elsewhere = await failure(createGitHubRepository({ credentials: { appId: 4242, privateKey: APP_KEY, installationId: 1 }, baseUrl: github.baseUrl, owner: 'solo-org', name: 'x' }));
    expect(elsewhere.message).toContain('installed on "octo-org"');
    const badKey = await failure(createGitHubRepository({ credentials: { appId: 4242, privateKey: 'not a key', installationId: 1 }, baseUrl: github.baseUrl, owner: 'octo-org', name: 'x' }));
    expect(badKey.code).toBe('invalid-input');
  });
});

describe('openPullRequest', () => {
  const connection = () => ({ credentials: { token: OCTOCAT_TOKEN }, baseUrl: github.baseUrl });

  it('opens a pull request, and maps a duplicate, an empty one and an unknown repository', async () => {
    await createGitHubRepository({ ...connection(), owner: 'octocat', name: 'with-updates' });
    const pull = await openPullRequest({ ...connection(), owner: 'octocat', repo: 'with-updates', head: 'ignition/update-2.0.0', base: 'main', title: 'Update template to 2.0.0', body: 'Conflicts: none' });
    expect(pull.number).toBe(1);
    expect(pull.htmlUrl).toBe('https://github.com/octocat/with-updates/pull/1');
    expect(github.requests.at(-1)?.body).toEqual({ head: 'ignition/update-2.0.0', base: 'main', title: 'Update template to 2.0.0', body: 'Conflicts: none' });

    const duplicate = await failure(openPullRequest({ ...connection(), owner: 'octocat', repo: 'with-updates', head: 'ignition/update-2.0.0', base: 'main', title: 'Again' }));
    expect(duplicate.code).toBe('pull-request-exists');
    const empty = await failure(openPullRequest({ ...connection(), owner: 'octocat', repo: 'with-updates', head: 'main', base: 'main', title: 'Nothing' }));
    expect(empty.code).toBe('no-changes');
    const missing = await failure(openPullRequest({ ...connection(), owner: 'octocat', repo: 'nope', head: 'a', base: 'main', title: 'T' }));
    expect(missing.code).toBe('not-found');
  });
});
