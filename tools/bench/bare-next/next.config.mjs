// @ts-check
// The bare Next.js app of `bench:landing` (not a workspace, not an Nx project): built by the bench
// with the repository's `next` and served from its standalone output, as the platform serves the apps.
import { resolve } from 'node:path';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

/** @type {import('next').NextConfig} */
export default {
  // The same output and tracing root as libs/shared/config/next-config.mjs, nothing else.
  output: 'standalone',
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};
