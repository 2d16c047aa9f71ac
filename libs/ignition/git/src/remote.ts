import { GitInputError } from './git-errors';
import { basicCredentialSecrets } from './redact';

/** A Git remote over HTTPS. The token travels in an HTTP header set through git's environment. */
export type GitRemote = {
  url: string;
  /** `username` defaults to `x-access-token`, which GitHub, Gitea and GitLab accept beside a token. */
  auth?: { username?: string; token: string };
};

export const DEFAULT_TOKEN_USERNAME = 'x-access-token';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a remote URL: HTTPS (plain HTTP only to this machine, for local servers and tests), and no
 * credentials inside the URL, where git would store and print them.
 */
export function parseRemoteUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GitInputError('The Git remote must be an HTTPS URL such as https://git.example.com/team/project.git.');
  }
  const isLoopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !isLoopbackHttp) {
    throw new GitInputError(`The Git remote must use HTTPS (got ${parsed.protocol.replace(':', '')}).`);
  }
  if (parsed.username || parsed.password) {
    throw new GitInputError('Put the token in the credentials field, not in the remote URL.');
  }
  return parsed;
}

/**
 * Settings for every network command: give up on a transfer that stalls (under 1 kB/s for 60 s)
 * instead of hanging a task forever, and keep git's own redirect rule (only the first request).
 */
export const NETWORK_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ['http.lowSpeedLimit', '1000'],
  ['http.lowSpeedTime', '60'],
  ['http.followRedirects', 'initial'],
];

/** `git -c` settings passed through the environment, so they never show in the process list. */
export function gitConfigEnv(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

/**
 * The config entries that authenticate to one remote, and the strings to redact. The header is
 * scoped to the remote's URL so a redirect to another host does not receive it.
 */
export function remoteAuthConfig(remote: GitRemote): {
  entries: Array<readonly [string, string]>;
  secrets: string[];
} {
  parseRemoteUrl(remote.url);
  if (!remote.auth) return { entries: [...NETWORK_CONFIG], secrets: [] };
  const username = remote.auth.username || DEFAULT_TOKEN_USERNAME;
  const [, basic = ''] = basicCredentialSecrets(username, remote.auth.token);
  return {
    entries: [...NETWORK_CONFIG, [`http.${remote.url}.extraHeader`, `Authorization: Basic ${basic}`]],
    secrets: basicCredentialSecrets(username, remote.auth.token),
  };
}
