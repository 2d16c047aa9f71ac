import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { commandSucceeds } from '../container';

const BUILD_SCRIPT = resolve(import.meta.dirname, '../../../../../docker/base/build-base-image.sh');

/**
 * For container tests: builds the base image if it is missing or stale (the script is cached by its inputs:
 * about 0.1 s when up to date, about 80 s the first time). Returns why containers cannot be tested here
 * (printed by the caller, never skipped silently), or null when they can.
 */
export function ensureBaseImageForTests(): string | null {
  if (!commandSucceeds('podman', ['--version']))
    return 'podman is not installed (apt-get install podman runc mmdebstrap; .ci/run does)';
  const build = spawnSync('bash', [BUILD_SCRIPT], { encoding: 'utf8', timeout: 600_000 });
  if (build.status !== 0)
    return `docker/base/build-base-image.sh failed (exit ${build.status}): ${(build.stderr || build.stdout).trim().slice(-500)}`;
  process.stdout.write(`${build.stdout.trim()}\n`);
  return null;
}

/** The names of every container (running or not) whose name starts with `prefix`. */
export function containersNamed(prefix: string): string[] {
  const list = spawnSync('podman', ['ps', '--all', '--format', '{{.Names}}'], { encoding: 'utf8' });
  return list.stdout
    .split('\n')
    .map((name) => name.trim())
    .filter((name) => name.startsWith(prefix));
}
