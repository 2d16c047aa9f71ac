import { spawn, spawnSync } from 'node:child_process';
import { lchownSync, lstatSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isolationSetting, type TIsolationSetting } from './env';

/**
 * The image build stages run in: the Dockerfile's base image (`FROM node:${NODE_VERSION}-bookworm-slim`),
 * made on machines without a registry by docker/base/build-base-image.sh under this exact name.
 */
export const BUILD_IMAGE = 'docker.io/library/node:20.20-bookworm-slim';
/** The unprivileged user code runs as inside the container (the platform images' uid). */
export const SANDBOX_UID = 10001;
/** crun fails on this kernel's mixed cgroup setup; runc works (MACHINE-NOTES). */
const PODMAN_GLOBAL = ['--runtime', 'runc'];
/** Memory the cgroup allows above the sampled limit: the watchdog (100 ms) ends a hog first, the cgroup is the hard stop. */
const CGROUP_HEADROOM_MB = 64;
const PIDS_LIMIT = 1024;
const WALL_CLOCK_BACKSTOP_SECONDS = 5;
/** Exit statuses of the container's init (catatonit): 128 + the signal that ended the command. */
export const EXIT_SIGKILL = 137;
export const EXIT_SIGXCPU = 152;
/** podman's own failures (could not create/start the container) end `podman run` with 125–127. */
export const PODMAN_FAILED_EXIT = 125;

export function commandSucceeds(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 5_000 }).status === 0;
  } catch {
    return false;
  }
}

export type TContainerAvailability = {
  setting: TIsolationSetting;
  podman: boolean;
  image: boolean;
  /** Whether build stages run in containers now. */
  inForce: boolean;
  /** Why not, when they do not (for logs and the UI). */
  reason: string | null;
};

let podmanInstalled: boolean | undefined;
let imageCheck: { exists: boolean; at: number } | undefined;
/** The base image can be built while the platform runs: look again after this long. */
const IMAGE_RECHECK_MS = 30_000;

/** Whether build stages run in podman containers: the setting, podman on PATH and the base image present. */
export function containerAvailability(): TContainerAvailability {
  const setting = isolationSetting();
  podmanInstalled ??= commandSucceeds('podman', ['--version']);
  if (podmanInstalled && (!imageCheck || Date.now() - imageCheck.at > IMAGE_RECHECK_MS)) {
    imageCheck = { exists: commandSucceeds('podman', ['image', 'exists', BUILD_IMAGE]), at: Date.now() };
  }
  const image = podmanInstalled && (imageCheck?.exists ?? false);
  const reason =
    setting === 'process'
      ? 'IGNIS_ISOLATION=process'
      : !podmanInstalled
        ? 'podman is not installed'
        : !image
          ? `the base image ${BUILD_IMAGE} is not built (docker/base/build-base-image.sh)`
          : null;
  return { setting, podman: podmanInstalled, image, inForce: reason === null, reason };
}

export type TContainerRun = {
  name: string;
  conmonPidFile: string;
  cwd: string;
  readOnlyPaths: readonly string[];
  overlayPaths: readonly string[];
  scratchPaths: readonly string[];
  env: Record<string, string>;
  memoryMb: number;
  cpuSeconds: number;
  wallClockMs: number;
  network: 'none' | 'host';
  command: string;
  args: readonly string[];
};

/** Cores a container may use: all but one (at least one), so a build cannot starve the platform. */
export function containerCpus(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The `podman run` argv (after `podman`) for one sandboxed command. */
export function podmanRunArgs(run: TContainerRun): string[] {
  const memory = `${Math.ceil(run.memoryMb) + CGROUP_HEADROOM_MB}m`;
  const cpu = Math.ceil(run.cpuSeconds);
  return [
    ...PODMAN_GLOBAL,
    'run',
    '--rm',
    '--init', // the command is not PID 1, so SIGXCPU and SIGTERM act on it as they would outside
    `--name=${run.name}`,
    `--conmon-pidfile=${run.conmonPidFile}`,
    // conmon kills the container a little after our own deadline: a backstop that outlives this process
    // (a builder killed mid-build leaves no container running on).
    `--timeout=${Math.ceil(run.wallClockMs / 1000) + WALL_CLOCK_BACKSTOP_SECONDS}`,
    `--network=${run.network}`,
    '--read-only',
    `--user=${SANDBOX_UID}:${SANDBOX_UID}`,
    '--cap-drop=all',
    '--security-opt=no-new-privileges',
    `--memory=${memory}`,
    `--memory-swap=${memory}`,
    `--cpus=${containerCpus()}`,
    `--pids-limit=${PIDS_LIMIT}`,
    // Podman's default ulimits are above what this machine allows; every value stays ≤ 20000.
    '--ulimit=nofile=4096:4096',
    '--ulimit=nproc=20000:20000',
    `--ulimit=cpu=${cpu}:${cpu + 2}`,
    '--ulimit=core=0:0',
    `--volume=${run.cwd}:${run.cwd}:rw`,
    ...run.readOnlyPaths.map((path) => `--volume=${path}:${path}:ro`),
    // A throw-away overlay: writes land in a layer removed with the container, never on the host.
    ...run.overlayPaths.map((path) => `--volume=${path}:${path}:O`),
    ...run.scratchPaths.map((path) => `--tmpfs=${path}:rw,U,size=256m` /* U: owned by the container user */),
    `--workdir=${run.cwd}`,
    ...Object.entries(run.env).map(([name, value]) => `--env=${name}=${value}`),
    BUILD_IMAGE,
    run.command,
    ...run.args,
  ];
}

/**
 * Hands the working directory to the container's user: every entry not owned by SANDBOX_UID is
 * lchown'ed (symlinks themselves, never their targets, so node_modules links stay as they are).
 */
export function handOverToSandboxUser(dir: string): void {
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.uid !== SANDBOX_UID || stat.gid !== SANDBOX_UID) lchownSync(path, SANDBOX_UID, SANDBOX_UID);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
}

/** `podman kill`: the container's processes get the signal wherever they are in its tree. */
export function killContainer(name: string, signal: 'TERM' | 'KILL'): void {
  const child = spawn('podman', [...PODMAN_GLOBAL, 'kill', `--signal=${signal}`, name], { stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

/** `podman rm -f`: nothing of a run is left behind, even when `--rm` could not do its work. */
export function removeContainer(name: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('podman', [...PODMAN_GLOBAL, 'rm', '--force', '--ignore', '--time=0', name], {
      stdio: 'ignore',
    });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}
