import { join, resolve } from 'node:path';

/** The platform checkout (its node_modules is where the shared dependency install comes from). */
export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');

/** Where IGNIS keeps its state under LUMENFORGE_HOME. */
export function ignisPaths(home: string) {
  const root = join(resolve(home), 'ignis');
  return {
    root,
    /** Materialised work directories. */
    work: join(root, 'work'),
    /** The shared install and the per-lockfile installs. */
    deps: join(root, 'deps'),
    /** Build artifacts (helper C). */
    artifacts: join(root, 'artifacts'),
  };
}

/** The starter project every test and the demo seed use. */
export const STARTER_DIR = join(import.meta.dirname, '__fixtures__', 'starter');
