import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// import.meta.dirname is undefined where a bundler (Next) rewrote the module; the URL still resolves.
const HERE = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));

/** The platform checkout (its node_modules is where the shared dependency install comes from). */
export const WORKSPACE_ROOT = resolve(HERE, '../../../..');

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
export const STARTER_DIR = join(HERE, '__fixtures__', 'starter');
