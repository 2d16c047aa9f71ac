import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitInputError } from './git-errors';
import { writeProjectFiles, type ProjectFile } from './project-files';
import { gitConfigEnv, remoteAuthConfig, type GitRemote } from './remote';
import { redactSecrets } from './redact';
import { runGit, type GitLogSink } from './run-git';

/** Who the commit is from. Author and committer are the same; `date` makes the commit reproducible. */
export type GitAuthor = { name: string; email: string; date?: Date };

export type PushInitialCommitOptions = {
  files: readonly ProjectFile[];
  remote: GitRemote;
  branch?: string;
  author: GitAuthor;
  message: string;
  signal?: AbortSignal;
  onLog?: GitLogSink;
};

export type PushInitialCommitResult = { commitSha: string; branch: string; fileCount: number };

/** The environment that makes a commit independent of any git config on the host. */
export function authorEnv(author: GitAuthor): Record<string, string> {
  if (!author.name.trim() || !/^[^\s<>@]+@[^\s<>@]+$/.test(author.email)) {
    throw new GitInputError('The commit author needs a name and an e-mail address.');
  }
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  if (author.date) {
    const stamp = `${Math.floor(author.date.getTime() / 1000)} +0000`;
    env['GIT_AUTHOR_DATE'] = stamp;
    env['GIT_COMMITTER_DATE'] = stamp;
  }
  return env;
}

/** Checks a branch name the way `git check-ref-format --branch` would, for the common mistakes. */
export function assertBranchName(branch: string): void {
  const isInvalid =
    !branch ||
    branch.startsWith('-') ||
    branch.startsWith('/') ||
    branch.endsWith('/') ||
    branch.endsWith('.lock') ||
    branch.endsWith('.') ||
    branch.includes('..') ||
    branch.includes('@{') ||
    branch.includes('//') ||
    /[\s~^:?*[\\]/.test(branch) ||
    [...branch].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (isInvalid) throw new GitInputError(`Invalid branch name: ${JSON.stringify(branch)}.`);
}

/**
 * Writes a generated project into a temporary work tree, makes its first commit and pushes it to an
 * empty remote branch over HTTPS. Never forces: a branch that already has commits is a
 * GitPushRejectedError. The temporary tree is removed whatever happens.
 */
export async function pushInitialCommit(options: PushInitialCommitOptions): Promise<PushInitialCommitResult> {
  const { files, remote, branch = 'main', author, message, signal, onLog } = options;
  assertBranchName(branch);
  if (files.length === 0) throw new GitInputError('The generated project has no files to commit.');
  if (!message.trim()) throw new GitInputError('The commit message is empty.');
  const auth = remoteAuthConfig(remote);
  const env = {
    ...authorEnv(author),
    ...gitConfigEnv([['commit.gpgsign', 'false'], ['core.autocrlf', 'false'], ...auth.entries]),
  };
  const log: GitLogSink = (line) => onLog?.(line);
  const workTree = await mkdtemp(join(tmpdir(), 'lf-ignition-push-'));
  try {
    const run = (args: string[], isNetwork = false) =>
      runGit(args, { cwd: workTree, env, signal, onLog: log, secrets: auth.secrets, isNetwork });
    await writeProjectFiles(workTree, files);
    log(`init: ${files.length} files, branch ${branch}`);
    await run(['init', '--quiet', `--initial-branch=${branch}`]);
    // --force: commit exactly the files given, even one the project's own .gitignore matches.
    await run(['add', '--all', '--force']);
    await run(['commit', '--quiet', '--no-verify', '--message', message]);
    const commitSha = (await run(['rev-parse', 'HEAD'])).stdout.toString().trim();
    log(`commit ${commitSha}`);
    log(`push to ${redactSecrets(remote.url, auth.secrets)} (${branch})`);
    await run(['push', '--progress', remote.url, `HEAD:refs/heads/${branch}`], true);
    log('push: done');
    return { commitSha, branch, fileCount: files.length };
  } finally {
    await rm(workTree, { recursive: true, force: true });
  }
}
