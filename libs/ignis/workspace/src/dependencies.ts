import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  lstat,
  mkdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ignisPaths, WORKSPACE_ROOT } from './paths';

/**
 * The packages of the shared, read-only dependency install: what a React + TypeScript + Tailwind 4
 * project needs to be served, type-checked, tested and built. They are the platform's own copies
 * (no network): each one is a symlink into the platform's node_modules, so its own dependencies
 * resolve from there.
 */
export const SHARED_DEPENDENCIES = [
  'react',
  'react-dom',
  'vite',
  '@vitejs/plugin-react',
  'tailwindcss',
  '@tailwindcss/vite',
  'typescript',
  'vitest',
  '@types/react',
  '@types/react-dom',
  // What SPARK's generated components bring: tests on Testing Library in happy-dom, stories in
  // Storybook's CSF3 with `storybook/test` play functions (previews render the stories).
  '@testing-library/react',
  '@testing-library/dom',
  '@testing-library/user-event',
  'happy-dom',
  'storybook',
  '@storybook/react',
] as const;

/** Executables linked into the shared install's node_modules/.bin. */
const SHARED_BINS: Record<string, { pkg: string; bin: string }> = {
  vite: { pkg: 'vite', bin: 'bin/vite.js' },
  tsc: { pkg: 'typescript', bin: 'bin/tsc' },
  vitest: { pkg: 'vitest', bin: 'vitest.mjs' },
};

const COMPLETE_MARKER = '.lumenforge-complete.json';

export type TDependencySet = {
  /** `shared-<hash>` for the shared install, `lock-<hash>` for a per-lockfile install. */
  id: string;
  kind: 'shared' | 'lockfile';
  /** The node_modules directory the work dir's `node_modules` symlink points at. */
  nodeModules: string;
  /** Whether this call ran an install (only ever for a lockfile set seen for the first time). */
  installed: boolean;
};

/** Why a project's dependencies could not be provided. */
export class DependencyInstallError extends Error {
  readonly code = 'DEPENDENCY_INSTALL_FAILED';
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
    this.name = 'DependencyInstallError';
  }
}

type TSharedInstall = { id: string; nodeModules: string; versions: Record<string, string> };
const sharedInstalls = new Map<string, Promise<TSharedInstall>>();

async function platformVersion(name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return manifest.version;
}

/**
 * The shared install under `<home>/ignis/deps/shared-<hash of the versions>/node_modules`, created
 * once (atomically: built in a temporary directory, then renamed) and made read-only.
 */
export function sharedDependencyInstall(home: string): Promise<TSharedInstall> {
  const key = ignisPaths(home).deps;
  let pending = sharedInstalls.get(key);
  if (!pending) {
    pending = createSharedInstall(home).catch((error: unknown) => {
      sharedInstalls.delete(key);
      throw error;
    });
    sharedInstalls.set(key, pending);
  }
  return pending;
}

async function createSharedInstall(home: string): Promise<TSharedInstall> {
  const versions: Record<string, string> = {};
  for (const name of SHARED_DEPENDENCIES) versions[name] = await platformVersion(name);
  const hash = createHash('sha256')
    .update(JSON.stringify(Object.entries(versions)))
    .update(WORKSPACE_ROOT)
    .digest('hex')
    .slice(0, 16);
  const id = `shared-${hash}`;
  const target = join(ignisPaths(home).deps, id);
  const nodeModules = join(target, 'node_modules');
  if (existsSync(join(target, COMPLETE_MARKER))) return { id, nodeModules, versions };

  const temporary = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  const tmpModules = join(temporary, 'node_modules');
  await mkdir(join(tmpModules, '.bin'), { recursive: true });
  for (const name of SHARED_DEPENDENCIES) {
    const link = join(tmpModules, name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(WORKSPACE_ROOT, 'node_modules', name), link, 'dir');
  }
  for (const [bin, { pkg, bin: file }] of Object.entries(SHARED_BINS)) {
    await symlink(join(WORKSPACE_ROOT, 'node_modules', pkg, file), join(tmpModules, '.bin', bin));
  }
  await writeFile(join(temporary, COMPLETE_MARKER), `${JSON.stringify({ versions }, null, 2)}\n`);
  try {
    await rename(temporary, target);
    await makeReadOnly(target);
  } catch (error) {
    // Another process finished the same install first: use theirs.
    await rm(temporary, { recursive: true, force: true });
    if (!existsSync(join(target, COMPLETE_MARKER))) throw error;
  }
  return { id, nodeModules, versions };
}

async function makeReadOnly(dir: string): Promise<void> {
  await chmod(join(dir, COMPLETE_MARKER), 0o444);
  for (const sub of [
    join(dir, 'node_modules', '.bin'),
    join(dir, 'node_modules', '@types'),
    join(dir, 'node_modules', '@vitejs'),
    join(dir, 'node_modules', '@tailwindcss'),
  ]) {
    if (existsSync(sub)) await chmod(sub, 0o555);
  }
  await chmod(join(dir, 'node_modules'), 0o555);
  await chmod(dir, 0o555);
}

type TManifest = {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

async function readManifest(dir: string): Promise<TManifest | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as TManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DependencyInstallError(`package.json is not valid JSON: ${(error as Error).message}`);
  }
}

/** The dependency names a project asks for that the shared install does not have. */
export function missingFromShared(manifest: TManifest | null): string[] {
  const wanted = Object.keys({ ...manifest?.dependencies, ...manifest?.devDependencies });
  const shared = new Set<string>(SHARED_DEPENDENCIES);
  return wanted.filter((name) => !shared.has(name)).sort();
}

/** Points `<dir>/node_modules` at `target` (replacing an older link). */
async function linkNodeModules(dir: string, target: string): Promise<void> {
  const link = join(dir, 'node_modules');
  try {
    const stat = await lstat(link);
    if (stat.isSymbolicLink() && (await readlink(link)) === target) return;
    if (!stat.isSymbolicLink()) throw new DependencyInstallError(`${link} exists and is not IGNIS's link`);
    await unlink(link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await symlink(target, link, 'dir');
}

/** Runs the install command of a per-lockfile set (e.g. through `spawnLimited`); resolves with its exit code and output. */
export type TInstallRunner = (options: {
  command: string;
  args: string[];
  cwd: string;
}) => Promise<{ exitCode: number | null; output: string }>;

const defaultInstallRunner: TInstallRunner = ({ command, args, cwd }) =>
  new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      cwd,
      // Only what npm needs: never the platform's secrets.
      env: {
        PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
        HOME: cwd,
        npm_config_cache: join(cwd, '.npm-cache'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolveRun({ exitCode, output }));
  });

/**
 * Gives the work directory `dir` its dependencies as a `node_modules` symlink: to the shared
 * read-only install when its package.json asks for nothing else (no install, ever), otherwise to
 * `<home>/ignis/deps/lock-<sha256 of package-lock.json, or of the dependency lists>/`, installed
 * once with `npm ci`/`npm install --ignore-scripts` (through `install`, e.g. a sandboxed runner)
 * and reused by every project with the same lockfile.
 * @throws DependencyInstallError
 */
export async function ensureDependencies(
  dir: string,
  options: { home: string; install?: TInstallRunner; allowInstall?: boolean },
): Promise<TDependencySet> {
  const manifest = await readManifest(dir);
  if (missingFromShared(manifest).length === 0) {
    const shared = await sharedDependencyInstall(options.home);
    await linkNodeModules(dir, shared.nodeModules);
    return { id: shared.id, kind: 'shared', nodeModules: shared.nodeModules, installed: false };
  }
  const lockfile = await readFile(join(dir, 'package-lock.json'), 'utf8').catch(() => null);
  const keySource =
    lockfile ?? JSON.stringify([manifest?.dependencies ?? {}, manifest?.devDependencies ?? {}]);
  const id = `lock-${createHash('sha256').update(keySource).digest('hex')}`;
  const target = join(ignisPaths(options.home).deps, id);
  const nodeModules = join(target, 'node_modules');
  if (existsSync(join(target, COMPLETE_MARKER))) {
    await linkNodeModules(dir, nodeModules);
    return { id, kind: 'lockfile', nodeModules, installed: false };
  }
  if (options.allowInstall === false) {
    throw new DependencyInstallError(
      `This project needs ${missingFromShared(manifest).join(', ')}, which the shared install does not have; run a build once to install them.`,
    );
  }
  const temporary = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  await mkdir(temporary, { recursive: true });
  await writeFile(
    join(temporary, 'package.json'),
    JSON.stringify({ private: true, ...pickDeps(manifest) }, null, 2),
  );
  if (lockfile) await writeFile(join(temporary, 'package-lock.json'), lockfile);
  const run = options.install ?? defaultInstallRunner;
  const args = lockfile
    ? ['ci', '--ignore-scripts', '--no-audit', '--no-fund']
    : ['install', '--ignore-scripts', '--no-audit', '--no-fund'];
  const result = await run({ command: 'npm', args, cwd: temporary });
  if (result.exitCode !== 0) {
    await rm(temporary, { recursive: true, force: true });
    const firstError = result.output.split('\n').find((line) => /ERR!|error/i.test(line)) ?? '';
    throw new DependencyInstallError(
      `npm ${args[0]} failed (exit ${result.exitCode})${firstError ? `: ${firstError.trim()}` : ''}`,
      result.output,
    );
  }
  await rm(join(temporary, '.npm-cache'), { recursive: true, force: true });
  await writeFile(join(temporary, COMPLETE_MARKER), `${JSON.stringify({ id }, null, 2)}\n`);
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    if (!existsSync(join(target, COMPLETE_MARKER))) throw error;
  }
  await linkNodeModules(dir, nodeModules);
  return { id, kind: 'lockfile', nodeModules, installed: true };
}

function pickDeps(manifest: TManifest | null): TManifest {
  return {
    ...(manifest?.dependencies ? { dependencies: manifest.dependencies } : {}),
    ...(manifest?.devDependencies ? { devDependencies: manifest.devDependencies } : {}),
  };
}

/** The id `ensureDependencies` would give `files`' package.json without touching the disk (for digests). */
export async function dependencySetIdFor(
  files: Readonly<Record<string, string>>,
  home: string,
): Promise<string> {
  let manifest: TManifest | null = null;
  try {
    manifest = files['package.json'] ? (JSON.parse(files['package.json']) as TManifest) : null;
  } catch {
    manifest = null;
  }
  if (missingFromShared(manifest).length === 0) return (await sharedDependencyInstall(home)).id;
  const keySource =
    files['package-lock.json'] ??
    JSON.stringify([manifest?.dependencies ?? {}, manifest?.devDependencies ?? {}]);
  return `lock-${createHash('sha256').update(keySource).digest('hex')}`;
}
