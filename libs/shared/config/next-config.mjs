// @ts-check
// The one Next.js config every LumenForge app uses (apps/<app>/next.config.mjs calls it).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Names of the workspace libs: they ship TypeScript sources, so Next must transpile them. */
/** @param {string} workspaceRoot */
function workspaceLibPackages(workspaceRoot) {
  const libsDir = join(workspaceRoot, 'libs');
  const names = [];
  for (const scope of readdirSync(libsDir, { withFileTypes: true })) {
    if (!scope.isDirectory()) continue;
    for (const lib of readdirSync(join(libsDir, scope.name), { withFileTypes: true })) {
      const manifest = join(libsDir, scope.name, lib.name, 'package.json');
      if (lib.isDirectory() && existsSync(manifest))
        names.push(JSON.parse(readFileSync(manifest, 'utf8')).name);
    }
  }
  return names;
}

/**
 * @param {string} appDir absolute path of the app (pass import.meta.dirname)
 * @param {import('next').NextConfig} [overrides]
 * @returns {import('next').NextConfig}
 */
export function createNextConfig(appDir, overrides = {}) {
  const workspaceRoot = resolve(appDir, '../..');
  return {
    // Standalone output: one self-contained server per app for `npm start` and the images.
    output: 'standalone',
    outputFileTracingRoot: workspaceRoot,
    turbopack: { root: workspaceRoot },
    transpilePackages: workspaceLibPackages(workspaceRoot),
    // `nx typecheck <app>` type-checks apps and libs once; the build does not repeat it.
    typescript: { ignoreBuildErrors: true },
    poweredByHeader: false,
    reactStrictMode: true,
    ...overrides,
    // The pg driver and Prisma's runtime load native/wasm files at run time: keep them out of the bundle.
    // prom-client: one module instance for every route (Next already keeps pino and pino-pretty out).
    // An app adds its own (e.g. SPARK's `typescript`) to these, not instead of them.
    serverExternalPackages: [
      'pg',
      '@prisma/adapter-pg',
      '@prisma/client',
      'prom-client',
      ...(overrides.serverExternalPackages ?? []),
    ],
    // forbidden() + forbidden.tsx: a page the role may not use answers 403 with its explanation.
    experimental: { authInterrupts: true, ...overrides.experimental },
  };
}
