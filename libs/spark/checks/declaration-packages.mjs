// The packages whose declaration files a component check reads at run time (TypeScript's standard
// library aside): React's, and those of the test and story libraries generated code imports, with
// what their declarations import in turn. A Next server that bundles with file tracing cannot see
// reads by path, so it traces these explicitly (apps/spark/next.config.mjs); a unit test checks the
// list against what a check really reads.

/** Package folders under node_modules (nested ones are inside their parent's folder). */
export const DECLARATION_PACKAGES = [
  '@types/react',
  '@types/react-dom',
  'csstype',
  'vitest',
  '@vitest/expect',
  '@vitest/mocker',
  '@vitest/pretty-format',
  '@vitest/runner',
  '@vitest/snapshot',
  '@vitest/spy',
  '@vitest/utils',
  'vite',
  'expect-type',
  'tinybench',
  'tinyrainbow',
  'pretty-format',
  'assertion-error',
  '@types/chai',
  '@types/deep-eql',
  '@standard-schema/spec',
  '@types/node',
  'undici-types',
  'buffer',
  '@webcontainer/env',
  '@testing-library/react',
  '@testing-library/dom',
  '@testing-library/user-event',
  '@testing-library/jest-dom',
  '@types/aria-query',
  'storybook',
  '@storybook/react',
  'ast-types',
  'recast',
];

/**
 * Tracing globs for every declaration file a check reads, relative to a folder: pass the path from
 * the app to the workspace's node_modules (`../../node_modules`).
 * @param {string} nodeModules
 * @returns {string[]}
 */
export function declarationFileGlobs(nodeModules) {
  return [
    `${nodeModules}/typescript/lib/lib.*.d.ts`,
    ...DECLARATION_PACKAGES.flatMap((name) => [
      `${nodeModules}/${name}/**/*.d.ts`,
      `${nodeModules}/${name}/**/*.d.mts`,
      `${nodeModules}/${name}/**/*.d.cts`,
      `${nodeModules}/${name}/**/package.json`,
    ]),
  ];
}

/**
 * Tracing globs for the check worker threads' files (their plain .mjs entry and the lib's sources
 * it transpiles when it starts), relative to a folder: pass the path from the app to the workspace
 * root (`../..`). `checkWorkerFile()` finds them there in a standalone server.
 * @param {string} workspaceRoot
 * @returns {string[]}
 */
export function checkWorkerFileGlobs(workspaceRoot) {
  return [
    `${workspaceRoot}/libs/spark/checks/package.json`,
    `${workspaceRoot}/libs/spark/checks/worker/*.mjs`,
    `${workspaceRoot}/libs/spark/checks/src/*.ts`,
  ];
}
