import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitInputError } from './git-errors';
import { writeProjectFiles, type ProjectFile } from './project-files';
import { assertBranchName, authorEnv, type GitAuthor } from './push-initial-commit';
import { gitConfigEnv, remoteAuthConfig, type GitRemote } from './remote';
import { runGit, type GitLogSink } from './run-git';

/** Where the project lives: a local repository (the branch is written back into it) or an HTTPS remote. */
export type ProjectRepository = { repoDir: string } | { remote: GitRemote };

export type MergeConflictReason = 'both-modified' | 'both-added' | 'deleted-by-template' | 'deleted-by-project';

/** A file the template change and the project's own edits both touched. Contents are UTF-8 text or null when absent. */
export type MergeConflict = {
  path: string;
  reason: MergeConflictReason;
  /** The file as the old template generated it. */
  base: string | null;
  /** The project's version (its own edits). */
  ours: string | null;
  /** The new template's version. */
  theirs: string | null;
};

export type UpdateProjectBranchOptions = {
  repository: ProjectRepository;
  /** The project generated from the OLD template version with the project's answers. */
  baseFiles: readonly ProjectFile[];
  /** The same answers through the NEW template version (or new token version). */
  newFiles: readonly ProjectFile[];
  /** The update branch to create, e.g. `ignition/update-nextjs-1.4.0`. */
  branch: string;
  /** Where the branch starts: the project's default branch head unless given (a sha or branch name). */
  fromRef?: string;
  author: GitAuthor;
  message: string;
  /**
   * `commit-markers` (default): conflicting files are committed with diff3 conflict markers so the
   * pull request shows them; `abort`: nothing is committed or pushed when a conflict appears.
   */
  onConflict?: 'commit-markers' | 'abort';
  /**
   * Replace the branch if the remote already has it (IGNITION regenerating its own update branch).
   * Uses --force-with-lease against the branch as cloned, so commits pushed meanwhile are not lost.
   */
  replaceExistingBranch?: boolean;
  signal?: AbortSignal;
  onLog?: GitLogSink;
};

export type UpdateProjectBranchResult = {
  branch: string;
  /** The update commit, or null when the template change was empty or conflicts aborted it. */
  commitSha: string | null;
  fromSha: string;
  /** Files the update commit changes relative to fromSha. */
  changedPaths: string[];
  conflicts: MergeConflict[];
  pushed: boolean;
};

const STAGE_REASON: Record<string, MergeConflictReason> = {
  '1,2,3': 'both-modified',
  '2,3': 'both-added',
  '1,2': 'deleted-by-template',
  '1,3': 'deleted-by-project',
};

/**
 * Produces a template update as a branch, Copier/cruft style: the old and new template outputs are
 * committed as a two-commit side history, and the template's change (old → new) is cherry-picked onto
 * the project's branch. Git's three-way merge then keeps the project's own edits; files both sides
 * touched are reported as conflicts, never overwritten with the template's version.
 */
export async function updateProjectBranch(options: UpdateProjectBranchOptions): Promise<UpdateProjectBranchResult> {
  const { repository, branch, author, message, signal, onConflict = 'commit-markers' } = options;
  assertBranchName(branch);
  if (!message.trim()) throw new GitInputError('The commit message is empty.');
  const log: GitLogSink = (line) => options.onLog?.(line);
  const origin = 'repoDir' in repository ? repository.repoDir : repository.remote.url;
  const auth = 'remote' in repository ? remoteAuthConfig(repository.remote) : { entries: [], secrets: [] };
  const env = {
    ...authorEnv(author),
    ...gitConfigEnv([
      ['commit.gpgsign', 'false'],
      ['core.autocrlf', 'false'],
      ['merge.conflictStyle', 'diff3'],
      ['advice.detachedHead', 'false'],
      ...auth.entries,
    ]),
  };
  const scratch = await mkdtemp(join(tmpdir(), 'lf-ignition-update-'));
  const clone = join(scratch, 'project');
  try {
    const run = (args: string[], extra: { isNetwork?: boolean; okExitCodes?: number[]; env?: Record<string, string>; cwd?: string } = {}) =>
      runGit(args, {
        cwd: extra.cwd ?? clone,
        env: { ...env, ...extra.env },
        signal,
        onLog: log,
        secrets: auth.secrets,
        isNetwork: extra.isNetwork,
        okExitCodes: extra.okExitCodes,
      });
    const text = async (args: string[]) => (await run(args)).stdout.toString().trim();

    log(`clone ${'remote' in repository ? 'remote repository' : 'local repository'}`);
    await run(['clone', '--quiet', '--no-tags', origin, clone], { isNetwork: true, cwd: scratch });
    const fromSha = await text(['rev-parse', '--verify', `${options.fromRef ?? 'HEAD'}^{commit}`]).catch(() => {
      throw new GitInputError(`The project repository has no commit ${options.fromRef ?? 'HEAD'}.`);
    });
    await run(['checkout', '--quiet', '-b', branch, fromSha]);

    const baseCommit = await commitTemplateTree(run, clone, scratch, 'base', options.baseFiles, [], 'template output before the update');
    const newCommit = await commitTemplateTree(run, clone, scratch, 'new', options.newFiles, ['-p', baseCommit], 'template output after the update');
    log(`template change ${baseCommit.slice(0, 12)}..${newCommit.slice(0, 12)}: three-way merge onto ${fromSha.slice(0, 12)}`);

    await run(['cherry-pick', '--no-commit', newCommit], { okExitCodes: [1] });
    const conflicts = await readConflicts(run);
    for (const conflict of conflicts) log(`conflict (${conflict.reason}): ${conflict.path}`);

    if (conflicts.length > 0 && onConflict === 'abort') {
      // Nothing was committed; the scratch clone with the half-merged tree is removed below.
      return { branch, commitSha: null, fromSha, changedPaths: [], conflicts, pushed: false };
    }
    for (const conflict of conflicts) {
      // The project deleted the file: keep it deleted (reported) rather than bringing the template's copy back.
      if (conflict.reason === 'deleted-by-project') await run(['rm', '--quiet', '--cached', '--ignore-unmatch', '--', conflict.path]);
      else await run(['add', '--', conflict.path]);
    }
    const staged = await run(['diff', '--cached', '--quiet'], { okExitCodes: [1] });
    if (staged.exitCode === 0) {
      log('the template change is already in the project: nothing to update');
      return { branch, commitSha: null, fromSha, changedPaths: [], conflicts, pushed: false };
    }
    await run(['commit', '--quiet', '--no-verify', '--message', message]);
    const commitSha = await text(['rev-parse', 'HEAD']);
    const changedPaths = (await text(['diff', '--name-only', fromSha, commitSha])).split('\n').filter(Boolean);
    log(`commit ${commitSha}: ${changedPaths.length} files, ${conflicts.length} conflicts`);
    const lease = options.replaceExistingBranch ? [`--force-with-lease=refs/heads/${branch}`] : [];
    await run(['push', '--progress', ...lease, 'origin', `refs/heads/${branch}:refs/heads/${branch}`], { isNetwork: true });
    log(`pushed ${branch}`);
    return { branch, commitSha, fromSha, changedPaths, conflicts, pushed: true };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

type Run = (
  args: string[],
  extra?: { okExitCodes?: number[]; env?: Record<string, string>; cwd?: string },
) => Promise<{ exitCode: number; stdout: Buffer }>;

/** Commits a file set as a tree outside the project's history, through its own work tree and index. */
async function commitTemplateTree(
  run: Run,
  clone: string,
  scratch: string,
  name: string,
  files: readonly ProjectFile[],
  parents: string[],
  message: string,
): Promise<string> {
  const workTree = join(scratch, `template-${name}`);
  await mkdir(workTree);
  await writeProjectFiles(workTree, files);
  const env = { GIT_INDEX_FILE: join(scratch, `template-${name}.index`) };
  const gitDir = join(clone, '.git');
  await run(['--git-dir', gitDir, '--work-tree', workTree, 'add', '--all', '--force', '.'], { env, cwd: workTree });
  const tree = (await run(['write-tree'], { env })).stdout.toString().trim();
  return (await run(['commit-tree', tree, ...parents, '-m', message])).stdout.toString().trim();
}

/** Unmerged index entries grouped by path, with the three versions. */
async function readConflicts(run: Run): Promise<MergeConflict[]> {
  const output = (await run(['ls-files', '--unmerged', '-z'])).stdout.toString();
  const byPath = new Map<string, Map<number, string>>();
  for (const entry of output.split('\0').filter(Boolean)) {
    const match = /^\d+ ([0-9a-f]+) (\d)\t(.*)$/s.exec(entry);
    if (!match?.[1] || !match[2] || match[3] === undefined) continue;
    const stages = byPath.get(match[3]) ?? new Map<number, string>();
    stages.set(Number(match[2]), match[1]);
    byPath.set(match[3], stages);
  }
  const blob = async (sha: string | undefined) => (sha ? (await run(['cat-file', 'blob', sha])).stdout.toString('utf8') : null);
  const conflicts: MergeConflict[] = [];
  for (const [path, stages] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    const key = [...stages.keys()].sort().join(',');
    conflicts.push({
      path,
      reason: STAGE_REASON[key] ?? 'both-modified',
      base: await blob(stages.get(1)),
      ours: await blob(stages.get(2)),
      theirs: await blob(stages.get(3)),
    });
  }
  return conflicts;
}
