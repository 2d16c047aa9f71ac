// Build step of the identity image (docker/Dockerfile, stage identity-build): bundle the local OpenID
// provider (apps/identity, TypeScript run with tsx in development) into one ES module, then trace the
// node_modules files that module still needs at run time with the file tracer Next.js uses for its
// standalone output. The result runs with plain `node server.mjs` and no dev dependencies:
//
//   <out>/server.mjs            apps/identity/src/main.ts, the workspace libs bundled in
//   <out>/node_modules/…        only the traced files of oidc-provider, otplib, zod, @prisma/*, pg, …
//
// Usage (from the repository root, after `npx nx build prisma` generated the Prisma client):
//   node docker/scripts/bundle-identity.mjs [out-dir]        default dist/identity
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
const outDir = resolve(repoRoot, process.argv[2] ?? 'dist/identity');
const entry = join(repoRoot, 'apps/identity/src/main.ts');
const bundle = join(outDir, 'server.mjs');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// Workspace packages (@lumenforge/*) ship TypeScript sources: bundle them. Everything else stays an
// import of node_modules (native/wasm files, package exports), traced below.
await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'externalize-third-party',
      setup(context) {
        context.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@lumenforge/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});

// Next.js ships @vercel/nft precompiled; it is the same tracer that builds the apps' standalone output.
const require = createRequire(import.meta.url);
const { nodeFileTrace } = require('next/dist/compiled/@vercel/nft');
const trace = await nodeFileTrace([bundle], { base: repoRoot, processCwd: repoRoot });

let copied = 0;
for (const file of trace.fileList) {
  const source = join(repoRoot, file);
  if (source === bundle || !file.startsWith('node_modules/')) continue;
  const target = join(outDir, file);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  copied += 1;
}
console.log(`identity bundle: ${relative(repoRoot, bundle)} + ${copied} traced node_modules files`);
