// Runs inside the sandbox (cwd = the materialised work directory): `vite build` through Vite's JS API
// with the project's own vite.config, then writes a report of every chunk and the modules in it.
// Usage: node bundle.mjs <report.json>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const reportFile = process.argv[2];
if (!reportFile) throw new Error('usage: bundle.mjs <report.json>');
const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const vite = await import(pathToFileURL(require.resolve('vite')).href);

const packageRoots = new Map();
/** `{ name, version, root }` of the package a bundled file belongs to, or null for project sources. */
function packageOf(file) {
  const match = /^(.*\/node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (!match) return null;
  const pkgRoot = match[1] + match[2];
  if (!packageRoots.has(pkgRoot)) {
    let version = 'unknown';
    try {
      version = JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8')).version ?? 'unknown';
    } catch {
      // a package without package.json at its root (rare): keep 'unknown'
    }
    packageRoots.set(pkgRoot, { name: match[2], version, root: pkgRoot });
  }
  return packageRoots.get(pkgRoot);
}

const startedAt = Date.now();
const result = await vite.build({
  root,
  mode: 'production',
  logLevel: 'info',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    cssCodeSplit: true,
    manifest: true,
    // IGNIS measures gzip/brotli itself (node:zlib) over the files written.
    reportCompressedSize: false,
  },
});
const outputs = Array.isArray(result) ? result : [result];
const chunks = [];
const assets = [];
for (const output of outputs) {
  if (!output || !Array.isArray(output.output)) continue;
  for (const item of output.output) {
    if (item.type === 'chunk') {
      chunks.push({
        fileName: item.fileName,
        name: item.name,
        isEntry: item.isEntry,
        isDynamicEntry: item.isDynamicEntry,
        bytes: Buffer.byteLength(item.code),
        imports: item.imports,
        dynamicImports: item.dynamicImports,
        modules: Object.entries(item.modules).map(([id, info]) => {
          const file = id.replace(/^\0/, '').split('?')[0];
          const pkg = packageOf(file);
          return {
            id: pkg ? `${pkg.name}/${relative(pkg.root, file)}` : relative(root, file) || id,
            package: pkg ? { name: pkg.name, version: pkg.version } : null,
            renderedLength: info.renderedLength,
          };
        }),
      });
    } else {
      const bytes = typeof item.source === 'string' ? Buffer.byteLength(item.source) : item.source.byteLength;
      assets.push({ fileName: item.fileName, bytes });
    }
  }
}
// A package bundled from more than one directory is duplicated (two copies, possibly two versions).
const copies = new Map();
for (const pkg of packageRoots.values()) copies.set(pkg.name, [...(copies.get(pkg.name) ?? []), pkg.version]);
const duplicates = [...copies]
  .filter(([, versions]) => versions.length > 1)
  .map(([name, versions]) => ({ name, versions }));
const outDir = join(root, 'dist');
if (!existsSync(outDir)) throw new Error('vite build wrote no dist/ directory');
writeFileSync(reportFile, JSON.stringify({ durationMs: Date.now() - startedAt, chunks, assets, duplicates }));
process.stdout.write(
  `bundle report: ${chunks.length} chunks, ${assets.length} assets, ${duplicates.length} duplicated packages\n`,
);
