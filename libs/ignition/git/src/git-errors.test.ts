import { describe, expect, it } from 'vitest';
import {
  classifyGitFailure,
  GitAuthenticationError,
  GitOperationError,
  GitPushRejectedError,
  GitRemoteUnreachableError,
  GitRepositoryNotFoundError,
  remoteLines,
} from './git-errors';
import { withoutProgress } from './run-git';

// Stderr as git 2.39 prints it for each case (seen against git http-backend, GitHub and GitLab).
const CASES = [
  ["fatal: unable to access 'https://git.example/x.git/': Failed to connect to git.example port 443 after 2 ms: Couldn't connect to server", GitRemoteUnreachableError],
  ["fatal: unable to access 'https://nohost.invalid/x.git/': Could not resolve host: nohost.invalid", GitRemoteUnreachableError],
  ["fatal: Authentication failed for 'https://github.com/o/r.git/'", GitAuthenticationError],
  ["fatal: unable to access 'http://127.0.0.1:1/x.git/': The requested URL returned error: 403", GitAuthenticationError],
  ["fatal: could not read Username for 'https://git.example': terminal prompts disabled", GitAuthenticationError],
  ["remote: Repository not found.\nfatal: repository 'https://github.com/o/r.git/' not found", GitRepositoryNotFoundError],
  [
    'To https://git.example/x.git\n ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs to \'https://git.example/x.git\'\nhint: Updates were rejected because the remote contains work that you do not have locally.',
    GitPushRejectedError,
  ],
  ['remote: Frozen by policy\nTo http://127.0.0.1/x.git\n ! [remote rejected] HEAD -> main (pre-receive hook declined)', GitPushRejectedError],
] as const;

describe('classifyGitFailure', () => {
  it.each(CASES)('classifies %j', (stderr, expected) => {
    expect(classifyGitFailure(stderr, 'git push failed')).toBeInstanceOf(expected);
  });

  it('keeps unknown failures generic with git output attached', () => {
    const error = classifyGitFailure('fatal: something new', 'git push failed (exit 128).');
    expect(error.constructor).toBe(GitOperationError);
    expect(error.message).toBe('git push failed (exit 128).\nfatal: something new');
  });

  it("extracts the server's remote: lines without git's progress", () => {
    expect(remoteLines('remote: Resolving deltas: 100% (2/2)\nremote: Frozen by policy\nremote: Ask #ops\nTo x')).toBe('Frozen by policy\nAsk #ops');
  });
});

describe('withoutProgress', () => {
  it("drops git's progress meters and keeps the reasons", () => {
    const stderr = 'Enumerating objects: 3, done.\nCounting objects:  33% (1/3)\rCounting objects: 100% (3/3), done.\nWriting objects: 100% (3/3)\nTotal 3 (delta 0)\nremote: Frozen        \n ! [remote rejected] HEAD -> main (pre-receive hook declined)\n';
    expect(withoutProgress(stderr)).toBe('remote: Frozen\n ! [remote rejected] HEAD -> main (pre-receive hook declined)');
  });
});
