import { createNextConfig } from '@lumenforge/config/next';

export default createNextConfig(import.meta.dirname, {
  // Saving a component runs the TypeScript compiler (@lumenforge/spark-checks): it stays a package
  // of its own, and it reads its standard library and React's declarations from node_modules by
  // path at run time, which file tracing cannot see, so the standalone server gets them explicitly.
  serverExternalPackages: ['typescript'],
  outputFileTracingIncludes: {
    '/api/components': [
      '../../node_modules/typescript/lib/lib.*.d.ts',
      '../../node_modules/@types/react/**/*.d.ts',
      '../../node_modules/@types/react/package.json',
      '../../node_modules/csstype/index.d.ts',
      '../../node_modules/csstype/package.json',
    ],
  },
});
