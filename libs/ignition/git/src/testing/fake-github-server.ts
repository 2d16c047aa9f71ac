import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPublicKey, randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';

/** A recorded GitHub REST answer: status, headers and body as api.github.com sent them. */
type RecordedResponse = { status: number; headers: Record<string, string>; body: unknown };

const FIXTURE_DIR = join(import.meta.dirname, 'fixtures', 'github');
function recorded(name: string): RecordedResponse {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')) as RecordedResponse;
}

export type FakeGitHubUser = {
  login: string;
  token: string;
  /** Organisations this user may create repositories in. */
  orgs?: string[];
  /** A fine-grained token without Administration: write is refused with 403. */
  canCreateRepositories?: boolean;
};

export type FakeGitHubOptions = {
  users?: FakeGitHubUser[];
  organisations?: string[];
  /** `owner/name` of repositories that already exist. */
  existingRepositories?: string[];
  /** `/api/v3` to answer like GitHub Enterprise Server. */
  pathPrefix?: string;
  app?: { appId: number; privateKeyPem: string; installations: Array<{ id: number; account: string; type: 'Organization' | 'User' }> };
  /** Answer every API call with the recorded rate-limit error. */
  isRateLimited?: boolean;
};

export type FakeGitHubRequest = { method: string; path: string; authScheme: string; body: unknown };

export type FakeGitHubServer = {
  /** The API base URL to give Octokit, including the Enterprise prefix if any. */
  baseUrl: string;
  requests: FakeGitHubRequest[];
  /** Repositories created through the API, as `owner/name`. */
  repositories: Set<string>;
  close(): Promise<void>;
};

/**
 * A local HTTP server that answers like the GitHub REST API for the calls IGNITION makes, with
 * recorded response bodies and headers (fixtures/github/*.json) adapted to the request, including
 * GitHub's error answers. App JWTs are verified with the App's real public key.
 */
export async function startFakeGitHubServer(options: FakeGitHubOptions = {}): Promise<FakeGitHubServer> {
  const prefix = options.pathPrefix ?? '';
  const users = options.users ?? [];
  const organisations = new Set((options.organisations ?? []).map((org) => org.toLowerCase()));
  const repositories = new Set((options.existingRepositories ?? []).map((full) => full.toLowerCase()));
  const installationTokens = new Map<string, { account: string; type: string }>();
  const pulls = new Set<string>();
  const requests: FakeGitHubRequest[] = [];
  const appPublicKey = options.app ? createPublicKey(options.app.privateKeyPem) : null;
  let baseUrl = '';

  const send = (response: ServerResponse, fixture: RecordedResponse, body: unknown = fixture.body) => {
    const text = JSON.stringify(body);
    response.writeHead(fixture.status, { ...fixture.headers, 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };
  /** Rewrites the recorded octocat/Hello-World URLs and names to the requested repository and this server. */
  const adapt = (value: unknown, replacements: Array<[string, string]>): unknown =>
    JSON.parse(replacements.reduce((text, [from, to]) => text.split(from).join(to), JSON.stringify(value)));

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const raw = await readBody(request);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const [scheme = '', credential = ''] = (request.headers.authorization ?? '').split(/\s+/, 2);
    requests.push({ method: request.method ?? 'GET', path, authScheme: scheme.toLowerCase(), body });
    if (options.isRateLimited) return send(response, recorded('error-rate-limited'));
    const method = request.method ?? 'GET';

    if (path.startsWith('/app/')) {
      if (!appPublicKey || !options.app || scheme.toLowerCase() !== 'bearer') return send(response, recorded('error-jwt-invalid'));
      try {
        await jwtVerify(credential, appPublicKey, { issuer: String(options.app.appId), algorithms: ['RS256'] });
      } catch {
        return send(response, recorded('error-jwt-invalid'));
      }
      const match = /^\/app\/installations\/(\d+)(\/access_tokens)?$/.exec(path);
      const installation = options.app.installations.find((entry) => String(entry.id) === match?.[1]);
      if (!match || !installation) return send(response, recorded('error-repository-not-found'), { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/apps', status: '404' });
      const replacements: Array<[string, string]> = [['octo-org', installation.account], ['https://api.github.com', baseUrl]];
      if (match[2] && method === 'POST') {
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        installationTokens.set(token, { account: installation.account, type: installation.type });
        const fixture = recorded('installation-token');
        return send(response, fixture, { ...(fixture.body as object), token });
      }
      const fixture = recorded('installation');
      const adapted = adapt(fixture.body, replacements) as { id: number; account: { type: string } };
      adapted.id = installation.id;
      adapted.account.type = installation.type;
      return send(response, fixture, adapted);
    }

    const user = users.find((entry) => entry.token === credential);
    const installation = installationTokens.get(credential);
    if (!['token', 'bearer'].includes(scheme.toLowerCase()) || (!user && !installation)) return send(response, recorded('error-bad-credentials'));

    if (method === 'GET' && path === '/user') {
      if (!user) return send(response, recorded('error-integration-forbidden'));
      const fixture = recorded('authenticated-user');
      return send(response, fixture, adapt(fixture.body, [['octocat', user.login], ['https://api.github.com', baseUrl]]));
    }

    const orgMatch = /^\/orgs\/([^/]+)\/repos$/.exec(path);
    if (method === 'POST' && (path === '/user/repos' || orgMatch)) {
      const owner = orgMatch?.[1] ?? user?.login ?? '';
      if (orgMatch && !organisations.has(owner.toLowerCase())) return send(response, recorded('error-org-not-found'));
      const mayCreate = installation
        ? installation.account.toLowerCase() === owner.toLowerCase()
        : user?.canCreateRepositories !== false && (!orgMatch || (user?.orgs ?? []).some((org) => org.toLowerCase() === owner.toLowerCase()));
      if (!mayCreate) return send(response, recorded('error-missing-permission'));
      const name = String(body['name'] ?? '');
      const fullName = `${owner}/${name}`;
      if (repositories.has(fullName.toLowerCase())) return send(response, recorded('error-name-exists'));
      repositories.add(fullName.toLowerCase());
      const fixture = recorded('repository-created');
      const repo = adapt(fixture.body, [
        ['octocat/Hello-World', fullName],
        ['"Hello-World"', JSON.stringify(name)],
        ['octocat', owner],
        ['https://api.github.com', baseUrl],
      ]) as Record<string, unknown>;
      const isPrivate = body['private'] === true;
      Object.assign(repo, { private: isPrivate, visibility: isPrivate ? 'private' : 'public', description: body['description'] ?? null });
      (repo['owner'] as Record<string, unknown>)['type'] = orgMatch ? 'Organization' : 'User';
      return send(response, { ...fixture, headers: { ...fixture.headers, location: `${baseUrl}/repos/${fullName}` } }, repo);
    }

    const pullMatch = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path);
    if (method === 'POST' && pullMatch) {
      const fullName = `${pullMatch[1]}/${pullMatch[2]}`;
      if (!repositories.has(fullName.toLowerCase())) return send(response, recorded('error-repository-not-found'));
      const head = String(body['head'] ?? '');
      const base = String(body['base'] ?? '');
      if (head === base) {
        return send(response, recorded('error-pull-request-exists'), {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }],
          documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
          status: '422',
        });
      }
      const key = `${fullName}:${head}:${base}`.toLowerCase();
      if (pulls.has(key)) {
        const fixture = recorded('error-pull-request-exists');
        return send(response, fixture, adapt(fixture.body, [['octocat:new-topic', `${pullMatch[1]}:${head}`]]));
      }
      pulls.add(key);
      const fixture = recorded('pull-request-created');
      const pull = adapt(fixture.body, [['octocat/Hello-World', fullName], ['https://api.github.com', baseUrl]]) as Record<string, unknown>;
      Object.assign(pull, { number: pulls.size, title: body['title'], body: body['body'] ?? null });
      pull['html_url'] = `https://github.com/${fullName}/pull/${pulls.size}`;
      return send(response, fixture, pull);
    }
    return send(response, recorded('error-repository-not-found'), { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `fake GitHub failed: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return {
    baseUrl,
    requests,
    repositories,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
