import { spawnSync } from 'node:child_process';

export type TIsolationMode = 'container' | 'process';

export type TIsolationReport = {
  mode: TIsolationMode;
  /** One line for the UI, e.g. "Process isolation: CPU/memory/wall-clock limits, clean env, no network". */
  summary: string;
  /** Which mechanisms are in force, for the UI's details list. */
  mechanisms: string[];
  /** What this mode does NOT protect against, said plainly. */
  limitations: string[];
  prlimit: boolean;
  networkNamespace: boolean;
  podman: boolean;
};

let cached: TIsolationReport | undefined;

function works(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 5_000 }).status === 0;
  } catch {
    return false;
  }
}

/** Probes the machine once: can we set rlimits with prlimit, can we give a child its own empty network namespace? */
export function probeIsolation(): TIsolationReport {
  if (cached) return cached;
  const prlimit = works('prlimit', ['--cpu=1:1', '--', 'true']);
  const networkNamespace = works('unshare', ['--net', '--', 'true']);
  const podman = works('podman', ['--version']);
  const mechanisms = [
    'CPU time of the whole process tree (sampled every 100 ms) and RLIMIT_CPU per process',
    'resident memory of the whole process tree (sampled every 100 ms)',
    'wall-clock deadline; the whole process tree is killed',
    'allow-listed environment (only the variables the caller passes, plus PATH/HOME/TMPDIR)',
    'working directory must be inside the allowed root; HOME and TMPDIR are a private temp dir',
  ];
  if (prlimit) mechanisms.push('prlimit: RLIMIT_CPU, RLIMIT_CORE=0, RLIMIT_NOFILE, RLIMIT_FSIZE');
  if (networkNamespace) mechanisms.push('own empty network namespace (no network) when network is "none"');
  const limitations = [
    'the child runs as the same OS user and can read files outside its working directory that this user can read',
    podman
      ? 'podman is installed but there is no base image on this machine, so builds do not run in containers yet'
      : 'podman is not installed, so builds do not run in containers',
  ];
  if (!networkNamespace)
    limitations.push('no network namespace available: children can open network connections');
  cached = {
    mode: 'process',
    summary: `Process isolation: CPU, memory and wall-clock limits, clean environment${networkNamespace ? ', no network for builds' : ''}`,
    mechanisms,
    limitations,
    prlimit,
    networkNamespace,
    podman,
  };
  return cached;
}

/** What the UI shows: which isolation is in force and what it does not cover. */
export function describeIsolation(): TIsolationReport {
  return probeIsolation();
}
