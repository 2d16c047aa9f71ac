// The engine processes of `npm start` / `npm run dev` besides the six apps: long-running workers
// (IGNIS's preview engine, its build worker) that run from source with tsx like the identity
// provider and get the apps' environment. The platform's Supervisor keeps them running like the
// apps, so a crash in user code they host never needs a platform restart. Add a process with one
// entry in ENGINE_PROCESSES.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { IGNIS_HMR_PORT, SYSTEM_IDS } from '@lumenforge/config';
import { WORKSPACE_ROOT } from './env';
import { pipeLines, prefixer } from './log';
import type { TSupervisedProcess } from './supervisor';

export type TEngineProcessSpec = {
  /** Log prefix and id, e.g. `ignis-engine`. */
  id: string;
  /** For messages: "the IGNIS engine". */
  name: string;
  /** Entry file, relative to the workspace root (run with `node --import tsx`). */
  entry: string;
  /** The port it listens on (checked free before the start), if any. */
  port?: number;
  /** A path answering 200 `{ "status": "ok" }` once it is ready; without one, ready = still running after a second. */
  healthPath?: string;
  /** Extra node flags before `--import tsx`. */
  nodeArgs?: readonly string[];
};

export const ENGINE_PROCESSES: readonly TEngineProcessSpec[] = [
  {
    id: 'ignis-engine',
    name: 'the IGNIS engine',
    entry: 'libs/ignis/engine/src/main.ts',
    port: IGNIS_HMR_PORT,
    healthPath: '/healthz',
    // It uses the apps' server libs (@lumenforge/runtime/server): `server-only` resolves to its
    // empty module under the react-server condition, as it does inside Next's server.
    nodeArgs: ['--conditions=react-server'],
  },
  {
    // IGNIS's build worker: the build queue, stages in sandboxed children, component-library builds.
    id: 'ignis-builder',
    name: 'the IGNIS builder',
    entry: 'libs/ignis/builds/src/main.ts',
    nodeArgs: ['--conditions=react-server'],
  },
];

/**
 * One engine process as the platform's Supervisor keeps it (beside the six apps, with the same
 * restart policy, listed and controlled by `npm run apps` / `npm run app`): run from source with
 * tsx, with `env` (the apps' environment: DATABASE_URL, the secrets, LUMENFORGE_HOME).
 */
export function supervisedEngineProcess(
  spec: TEngineProcessSpec,
  options: { env: Record<string, string | undefined>; bindHost: string },
): TSupervisedProcess {
  const index = ENGINE_PROCESSES.findIndex((candidate) => candidate.id === spec.id);
  const origin = spec.port ? `http://${options.bindHost}:${spec.port}` : null;
  return {
    id: spec.id,
    name: spec.name,
    port: spec.port ?? null,
    url: origin,
    healthUrl: origin && spec.healthPath ? `${origin}${spec.healthPath}` : null,
    spawn: () => {
      const child = spawn(
        process.execPath,
        [...(spec.nodeArgs ?? []), '--import', 'tsx', join(WORKSPACE_ROOT, spec.entry)],
        { cwd: WORKSPACE_ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const prefix = prefixer(spec.id, SYSTEM_IDS.length + 1 + Math.max(0, index));
      pipeLines(child.stdout, prefix);
      pipeLines(child.stderr, prefix, process.stderr);
      return child;
    },
  };
}
