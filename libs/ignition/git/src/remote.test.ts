import { describe, expect, it } from 'vitest';
import { GitInputError } from './git-errors';
import { assertSafeProjectPath } from './project-files';
import { assertBranchName } from './push-initial-commit';
import { parseRemoteUrl, remoteAuthConfig } from './remote';

describe('remote URLs and credentials', () => {
  it('accepts HTTPS and loopback HTTP, refuses other schemes and credentials in the URL', () => {
    expect(parseRemoteUrl('https://git.example/team/app.git').host).toBe('git.example');
    expect(parseRemoteUrl('http://127.0.0.1:8080/app.git').port).toBe('8080');
    expect(() => parseRemoteUrl('http://git.example/app.git')).toThrow(/HTTPS/);
    expect(() => parseRemoteUrl('git@github.com:o/r.git')).toThrow(GitInputError);
    expect(() => parseRemoteUrl('https://u:secret@git.example/app.git')).toThrow(/credentials field/);
  });

  it('sends the token as a Basic header scoped to the remote URL, defaulting the user to x-access-token', () => {
    const { entries, secrets } = remoteAuthConfig({ url: 'https://git.example/app.git', auth: { token: 'abc123def' } });
    const expected = Buffer.from('x-access-token:abc123def').toString('base64');
    expect(entries).toContainEqual(['http.https://git.example/app.git.extraHeader', `Authorization: Basic ${expected}`]);
    expect(entries).toContainEqual(['http.lowSpeedTime', '60']);
    expect(secrets).toEqual(['abc123def', expected]);
  });
});

describe('input checks', () => {
  it.each(['../x', '/etc/passwd', 'a//b', '.git/config', 'src/.GIT/hooks', 'a\\b', ''])('refuses the path %j', (path) => {
    expect(() => assertSafeProjectPath(path)).toThrow(GitInputError);
  });
  it('accepts ordinary paths including dotfiles', () => {
    expect(() => assertSafeProjectPath('.github/workflows/ci.yml')).not.toThrow();
  });
  it.each(['-main', 'a..b', 'a b', 'x.lock', 'feat/', 'a:b', 'a~1'])('refuses the branch %j', (branch) => {
    expect(() => assertBranchName(branch)).toThrow(GitInputError);
  });
  it('accepts ignition/update-nextjs-2.0.0', () => {
    expect(() => assertBranchName('ignition/update-nextjs-2.0.0')).not.toThrow();
  });
});
