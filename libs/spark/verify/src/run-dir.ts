import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * The checkout or installation whose node_modules holds Vitest, Vite, React and the test and
 * story libraries: `given`, else the nearest folder from the working directory upwards. Generated
 * files are written under it so their imports resolve like any file of the repository.
 */
export function findWorkspaceRoot(given?: string): string {
  if (given) {
    if (!existsSync(join(given, 'node_modules', 'vitest', 'package.json')))
      throw new Error(`${given} has no node_modules/vitest: it is not a LumenForge installation.`);
    return resolve(given);
  }
  // Vitest's entry, not just its package.json: a Next.js standalone server's traced node_modules
  // holds Vitest's declarations and package.json (for the type-check) but cannot run it.
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'vitest', 'vitest.mjs'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(
        `No node_modules with Vitest found from ${process.cwd()} upwards: SPARK verifies components where the workspace's dependencies are installed.`,
      );
  }
}

export type TRunDir = { root: string; dir: string; remove: () => Promise<void> };

/**
 * A fresh folder `<root>/.lumenforge/spark-verify/<random>` (git-ignored; inside the checkout so
 * node_modules resolves), removed by `remove()` whatever happened.
 */
export async function createRunDir(root: string): Promise<TRunDir> {
  const dir = join(root, '.lumenforge', 'spark-verify', `${Date.now()}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return { root, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path → text) under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

export type TChildOutcome = {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The end of stdout and stderr together (for error messages). */
  output: string;
};

const OUTPUT_TAIL = 8_000;

/**
 * Runs `node <args>` in `cwd` with only PATH, HOME and TMPDIR from this process's environment (the
 * server's secrets are none of generated code's business), no colours, killed with its whole
 * process group after `timeoutMs`.
 */
export function runNode(args: string[], cwd: string, timeoutMs: number): Promise<TChildOutcome> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnvironment(),
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Workers it started may outlive it when it crashed: end the group either way.
      killGroup(child.pid);
      resolvePromise({ code, signal, timedOut, output });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function childEnvironment(): NodeJS.ProcessEnv {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG'] as const;
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC' };
  // eslint-disable-next-line no-restricted-properties -- a minimal allow-list of the parent's environment for the child, not configuration
  for (const name of inherited) if (process.env[name]) env[name] = process.env[name];
  return env;
}

/** Text without ANSI colour codes (a dependency may colour despite NO_COLOR). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
