// Shared Vitest config. `vitest run` runs unit tests (*.test.ts[x]); `vitest run --mode integration`
// runs *.integration.test.ts against real PostgreSQL/Redis/NATS, one file at a time.
// Every run also writes test-output/reports/vitest-<project>-<suite>.json, which `npm test` totals
// (declared as the Nx test target's output, so cached runs restore it).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../..');
export const REPORT_DIR = join(WORKSPACE_ROOT, 'test-output', 'reports');

/** @param {string} projectDir */
function nxProjectName(projectDir) {
  const manifest = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  return manifest.nx?.name ?? manifest.name;
}

/**
 * @param {string} projectDir absolute path of the project (pass import.meta.dirname)
 * @param {import('vitest/node').InlineConfig} [overrides]
 */
export function defineProjectConfig(projectDir, overrides = {}) {
  return defineConfig(({ mode }) => {
    const isIntegration = mode === 'integration';
    const suite = `${nxProjectName(projectDir)}-${isIntegration ? 'integration' : 'unit'}`;
    return {
      root: projectDir,
      cacheDir: join(WORKSPACE_ROOT, 'node_modules', '.vite', suite),
      test: {
        name: suite,
        watch: false,
        passWithNoTests: true,
        environment: 'node',
        include: isIntegration ? ['src/**/*.integration.test.ts'] : ['src/**/*.test.{ts,tsx}'],
        exclude: isIntegration
          ? ['**/node_modules/**']
          : ['**/node_modules/**', 'src/**/*.integration.test.ts'],
        testTimeout: isIntegration ? 60_000 : 10_000,
        hookTimeout: isIntegration ? 120_000 : 10_000,
        fileParallelism: !isIntegration,
        alias: { 'server-only': join(import.meta.dirname, 'server-only-stub.mjs') },
        reporters: ['default', 'json'],
        outputFile: { json: join(REPORT_DIR, `vitest-${suite}.json`) },
        ...overrides,
      },
    };
  });
}
