import { describe, expect, it } from 'vitest';
import { BUILD_IMAGE, podmanRunArgs, SANDBOX_UID } from './container';

const RUN = {
  name: 'ignis-sandbox-abc',
  conmonPidFile: '/tmp/x/conmon.pid',
  cwd: '/data/ignis/work/build-1',
  readOnlyPaths: ['/repo/node_modules'],
  overlayPaths: ['/data/ignis/deps'],
  scratchPaths: ['/data/ignis/deps/shared-1/node_modules/.vite'],
  env: { NODE_ENV: 'production', HOME: '/tmp' },
  memoryMb: 512,
  cpuSeconds: 10.2,
  wallClockMs: 60_000,
  network: 'none' as const,
  command: 'node',
  args: ['build.mjs', '--flag'],
};

describe('podmanRunArgs', () => {
  const argv = podmanRunArgs(RUN);

  it('runs runc, removes the container, no network, read-only root, unprivileged user', () => {
    expect(argv.slice(0, 3)).toEqual(['--runtime', 'runc', 'run']);
    for (const flag of [
      '--rm',
      '--init',
      '--name=ignis-sandbox-abc',
      '--network=none',
      '--read-only',
      `--user=${SANDBOX_UID}:${SANDBOX_UID}`,
      '--cap-drop=all',
      '--security-opt=no-new-privileges',
      '--timeout=65',
    ])
      expect(argv).toContain(flag);
  });

  it('limits memory without swap, CPU time per process, pids; every ulimit stays within what podman here allows', () => {
    expect(argv).toContain('--memory=576m');
    expect(argv).toContain('--memory-swap=576m');
    expect(argv).toContain('--ulimit=cpu=11:13');
    expect(argv).toContain('--pids-limit=1024');
    const ulimits = argv.filter((arg) => arg.startsWith('--ulimit='));
    expect(ulimits.length).toBeGreaterThanOrEqual(4);
    for (const ulimit of ulimits) {
      const [soft, hard] = (ulimit.split('=')[2] ?? '').split(':').map(Number);
      expect(soft).toBeLessThanOrEqual(20_000);
      expect(hard).toBeLessThanOrEqual(20_000);
    }
  });

  it('mounts the work dir rw, the rest read-only or as overlays at the same paths, and ends with image + command', () => {
    expect(argv).toContain('--volume=/data/ignis/work/build-1:/data/ignis/work/build-1:rw');
    expect(argv).toContain('--volume=/repo/node_modules:/repo/node_modules:ro');
    expect(argv).toContain('--volume=/data/ignis/deps:/data/ignis/deps:O');
    expect(argv.some((arg) => arg.startsWith('--tmpfs=/data/ignis/deps/shared-1/node_modules/.vite:'))).toBe(
      true,
    );
    expect(argv).toContain('--workdir=/data/ignis/work/build-1');
    expect(argv.filter((arg) => arg.startsWith('--env='))).toEqual([
      '--env=NODE_ENV=production',
      '--env=HOME=/tmp',
    ]);
    expect(argv.slice(-4)).toEqual([BUILD_IMAGE, 'node', 'build.mjs', '--flag']);
  });
});
