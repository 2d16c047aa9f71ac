import { describe, expect, it } from 'vitest';
import { toGitHubError } from './github-errors';

const BASE = 'https://ghe.example/api/v3';
/** The shape Octokit's RequestError has: status, and the response GitHub sent. */
const answered = (status: number, data: unknown, headers: Record<string, string> = {}) => ({ status, message: 'x', response: { data, headers } });

describe('toGitHubError', () => {
  it('maps 429 and secondary rate limits to rate-limited', () => {
    const error = toGitHubError(answered(429, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '30' }), { action: 'identify-user' }, BASE, []);
    expect(error.code).toBe('rate-limited');
    expect(error.message).toContain('retry in 30 s');
  });

  it('names the classic OAuth scope when there is no fine-grained permission header', () => {
    const error = toGitHubError(
      answered(403, { message: 'Must have admin rights to Repository.' }, { 'x-accepted-oauth-scopes': 'repo' }),
      { action: 'create-repository', owner: 'octo-org', name: 'app' },
      BASE,
      [],
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('These credentials may not create the repository octo-org/app (403). It needs the scope repo. GitHub says: "Must have admin rights to Repository.".');
  });

  it('keeps other 422 messages as validation and unknown statuses as unknown, without secrets', () => {
    const secret = 'ghp_abcdefghijklmnop';
    const validation = toGitHubError(
      answered(422, { message: 'Validation Failed', errors: [{ code: 'invalid', field: 'name', message: `name ${secret} is invalid` }] }),
      { action: 'create-repository', owner: 'o', name: 'n' },
      BASE,
      [secret],
    );
    expect(validation.code).toBe('validation');
    expect(validation.message).not.toContain(secret);
    expect(toGitHubError(answered(502, 'Bad Gateway'), { action: 'identify-user' }, BASE, []).code).toBe('unknown');
  });

  it('maps an error without a response to network, naming the API URL and the cause', () => {
    const error = toGitHubError({ status: 500, message: 'fetch failed', cause: new Error('getaddrinfo ENOTFOUND ghe.example') }, { action: 'identify-user' }, BASE, []);
    expect(error.code).toBe('network');
    expect(error.message).toBe('GitHub could not be reached at https://ghe.example/api/v3: getaddrinfo ENOTFOUND ghe.example.');
  });
});
