import { startFakeGitHubServer, startGitHttpServer } from '@lumenforge/ignition-git/testing';
import { describe, expect, it } from 'vitest';
import { checkGitTarget, GitTargetRefusedError } from './git-target-check';

const TOKEN = 'check-token-19ab';

describe('checkGitTarget (real git http-backend, fake GitHub): creates nothing', () => {
  it('accepts an empty remote with the right token; refuses a bad token, a missing repository and a branch with commits', async () => {
    const git = await startGitHttpServer({ token: TOKEN });
    try {
      const url = await git.createRepository('empty.git');
      const remote = { kind: 'remote' as const, url, branch: 'main' };
      expect(await checkGitTarget(remote, { gitToken: TOKEN })).toBe(`${url} accepts pushes to main`);
      await expect(checkGitTarget(remote, { gitToken: 'wrong' })).rejects.toMatchObject({
        code: 'bad-credentials',
        status: 401,
      });
      await expect(checkGitTarget(remote, {})).rejects.toThrow('The Git remote needs a token to push');
      await expect(
        checkGitTarget({ ...remote, url: `${git.baseUrl}/missing.git` }, { gitToken: TOKEN }),
      ).rejects.toMatchObject({ code: 'repository-not-found' });
      await expect(
        checkGitTarget({ ...remote, url: 'http://127.0.0.1:9/x.git' }, { gitToken: TOKEN }),
      ).rejects.toMatchObject({ code: 'unreachable', status: 503 });
    } finally {
      await git.close();
    }
  });

  it('GitHub: a bad token is refused; the token’s own account with a free repository name passes', async () => {
    const github = await startFakeGitHubServer({ users: [{ login: 'octo', token: 'ghp_good' }] });
    try {
      const target = {
        kind: 'github' as const,
        owner: 'octo',
        repository: 'fresh',
        private: true,
        baseUrl: github.baseUrl,
        branch: 'main',
      };
      const refusal = await checkGitTarget(target, { gitToken: 'ghp_bad' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(GitTargetRefusedError);
      expect(refusal).toMatchObject({
        code: 'bad-credentials',
        message: 'GitHub refused the token (bad credentials)',
      });
      expect(await checkGitTarget(target, { gitToken: 'ghp_good' })).toBe(
        'The token belongs to octo; octo/fresh can be created',
      );
      expect(github.repositories.size).toBe(0);
    } finally {
      await github.close();
    }
  });
});
