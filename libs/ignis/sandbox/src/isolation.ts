import { BUILD_IMAGE, commandSucceeds, containerAvailability, containerCpus, SANDBOX_UID } from './container';
import type { TIsolationSetting } from './env';

export type TIsolationMode = 'container' | 'process';

/** What runs the code: build stages (containers where possible) or dev sessions (always processes). */
export type TIsolationWorkload = 'build' | 'dev-session';

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
  /** IGNIS_ISOLATION (auto | container | process). */
  setting: TIsolationSetting;
  /** The image build stages run in when mode is 'container'. */
  image: string | null;
};

type TProcessProbe = { prlimit: boolean; networkNamespace: boolean };
let processProbe: TProcessProbe | undefined;

const PROCESS_MECHANISMS = [
  'CPU time of the whole process tree (sampled every 100 ms)',
  'resident memory of the whole process tree (sampled every 100 ms)',
  'wall-clock deadline; the whole process tree is killed',
  'allow-listed environment (only the variables the caller passes, plus PATH/HOME/TMPDIR)',
];

/** The process-isolation facts of this machine (probed once): prlimit, an empty network namespace. */
export function probeIsolation(): TIsolationReport {
  processProbe ??= {
    prlimit: commandSucceeds('prlimit', ['--cpu=1:1', '--', 'true']),
    networkNamespace: commandSucceeds('unshare', ['--net', '--', 'true']),
  };
  const { prlimit, networkNamespace } = processProbe;
  const containers = containerAvailability();
  const mechanisms = [
    ...PROCESS_MECHANISMS,
    'working directory must be inside the allowed root; HOME and TMPDIR are a private temp dir',
  ];
  if (prlimit) mechanisms.push('prlimit: RLIMIT_CPU, RLIMIT_CORE=0, RLIMIT_NOFILE, RLIMIT_FSIZE');
  if (networkNamespace) mechanisms.push('own empty network namespace (no network) when network is "none"');
  const limitations = [
    'the child runs as the same OS user and can read files outside its working directory that this user can read',
    containers.inForce
      ? 'dev sessions run as processes; build stages run in containers'
      : `build stages do not run in containers: ${containers.reason}`,
  ];
  if (!networkNamespace)
    limitations.push('no network namespace available: children can open network connections');
  return {
    mode: 'process',
    summary: `Process isolation: CPU, memory and wall-clock limits, clean environment${networkNamespace ? ', no network for builds' : ''}`,
    mechanisms,
    limitations,
    prlimit,
    networkNamespace,
    podman: containers.podman,
    setting: containers.setting,
    image: null,
  };
}

function containerReport(processReport: TIsolationReport): TIsolationReport {
  return {
    ...processReport,
    mode: 'container',
    summary: `Container isolation (podman): build stages run in ${BUILD_IMAGE.replace('docker.io/library/', '')} with no network, a read-only root and uid ${SANDBOX_UID}`,
    mechanisms: [
      `podman (runc) container per stage from ${BUILD_IMAGE}; removed when the stage ends, killed on cancel`,
      'no network (--network=none: loopback only, the platform and the internet are unreachable)',
      `read-only root filesystem, non-root user (uid ${SANDBOX_UID}), all capabilities dropped, no-new-privileges`,
      'only the work directory is writable; the shared node_modules is mounted read-only; nothing else of the host is visible',
      `cgroup limits: memory (the stage limit + 64 MB headroom, no swap), ${containerCpus()} CPU(s), 1024 processes`,
      ...PROCESS_MECHANISMS,
      'environment: only the variables the stage passes (no platform secrets)',
    ],
    limitations: [
      'the install stage runs as a limited process with network (it needs the npm registry)',
      'dev sessions run as limited processes, not containers',
      'containers share the host kernel (namespaces and cgroups, not a virtual machine)',
    ],
    image: BUILD_IMAGE,
  };
}

/**
 * What the UI shows: which isolation is in force for a workload and what it does not cover. Build stages
 * run in containers where podman and the base image are there (IGNIS_ISOLATION permitting); dev sessions
 * always run as processes.
 */
export function describeIsolation(workload: TIsolationWorkload = 'dev-session'): TIsolationReport {
  const report = probeIsolation();
  return workload === 'build' && containerAvailability().inForce ? containerReport(report) : report;
}
