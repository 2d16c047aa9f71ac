import { createNextConfig } from '@lumenforge/config/next';
import { checkWorkerFileGlobs, declarationFileGlobs } from '@lumenforge/spark-checks/declaration-packages';

export default createNextConfig(import.meta.dirname, {
  // Saving a component runs the TypeScript compiler (@lumenforge/spark-checks): it stays a package
  // of its own, and it reads its standard library's, React's, Vitest's, Testing Library's and
  // Storybook's declarations from node_modules by path at run time, which file tracing cannot see,
  // so the standalone server gets them explicitly.
  serverExternalPackages: ['typescript'],
  // The checks run in worker threads started from a plain .mjs entry that loads the lib's sources
  // by path, so those are traced too. Every API route that checks components (saves, versions,
  // publish, generations) reads them.
  outputFileTracingIncludes: {
    '/api/**/*': [...declarationFileGlobs('../../node_modules'), ...checkWorkerFileGlobs('../..')],
  },
});
