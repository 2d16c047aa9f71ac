import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { listFiles } from './list-files';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { TBuildMetrics } from './build.schema';

/** What runners/bundle.mjs writes. */
export type TBundleReport = {
  durationMs: number;
  chunks: Array<{
    fileName: string;
    name: string;
    isEntry: boolean;
    isDynamicEntry: boolean;
    bytes: number;
    modules: Array<{ id: string; package: { name: string; version: string } | null; renderedLength: number }>;
  }>;
  assets: Array<{ fileName: string; bytes: number }>;
  duplicates: Array<{ name: string; versions: string[] }>;
};

export type TImagesReport = { images: Array<{ file: string; beforeBytes: number; afterBytes: number }> };

const LARGE_CHUNK_BYTES = 500 * 1024;
const LARGE_MODULE_BYTES = 20 * 1024;
const HEAVY_DEPENDENCY_BYTES = 200 * 1024;

/** Bytes on disk under `dir`, giving up (returning what was counted) after `maxFiles` files. */
export async function directoryBytes(dir: string, maxFiles = 5_000): Promise<number> {
  let total = 0;
  let seen = 0;
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      if (seen >= maxFiles) return;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        seen += 1;
        total += (await stat(full)).size;
      }
    }
  };
  await walk(dir);
  return total;
}

type TMeasureInput = {
  distDir: string;
  bundle: TBundleReport;
  images: TImagesReport | null;
  /** `dependencies` of the project's package.json. */
  dependencies: string[];
  /** node_modules of the work directory, to size unused dependencies. */
  nodeModules: string;
  stageMs: Record<string, number>;
  warnings: number;
};

/**
 * The build's metrics from the files actually written to dist/ (gzip level 9 and brotli quality 11 via
 * node:zlib, like a CDN would serve them) plus the bundler's per-chunk module report.
 */
export async function measureBuild(input: TMeasureInput): Promise<TBuildMetrics> {
  const chunkKinds = new Map(
    input.bundle.chunks.map(
      (chunk) =>
        [chunk.fileName, chunk.isEntry ? 'entry' : chunk.isDynamicEntry ? 'dynamic' : 'shared'] as const,
    ),
  );
  const chunks: TBuildMetrics['chunks'] = [];
  let totalBytes = 0;
  let gzipBytes = 0;
  let brotliBytes = 0;
  let sourceMapBytes = 0;
  for (const file of await listFiles(input.distDir)) {
    const fileName = relative(input.distDir, file).split(sep).join('/');
    if (fileName.startsWith('.vite/')) continue; // Vite's manifest: build metadata, not served
    const content = await readFile(file);
    if (fileName.endsWith('.map')) {
      sourceMapBytes += content.length;
      continue;
    }
    const gzip = gzipSync(content, { level: 9 }).length;
    const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const kind =
      chunkKinds.get(fileName) ??
      (fileName.endsWith('.css') ? 'css' : fileName.endsWith('.html') ? 'html' : 'asset');
    chunks.push({ fileName, kind, bytes: content.length, gzipBytes: gzip, brotliBytes: brotli });
    totalBytes += content.length;
    gzipBytes += gzip;
    brotliBytes += brotli;
  }
  chunks.sort((a, b) => b.bytes - a.bytes);

  const modules = input.bundle.chunks
    .flatMap((chunk) =>
      chunk.modules.map((module) => ({
        id: module.id,
        chunk: chunk.fileName,
        package: module.package?.name ?? null,
        renderedBytes: module.renderedLength,
      })),
    )
    .filter((module) => module.renderedBytes > 0)
    .sort((a, b) => b.renderedBytes - a.renderedBytes);

  const bundled = new Set(
    modules.map((module) => module.package).filter((name): name is string => name !== null),
  );
  const unusedDependencies: TBuildMetrics['unusedDependencies'] = [];
  for (const name of input.dependencies) {
    if (bundled.has(name) || name.startsWith('@types/')) continue;
    unusedDependencies.push({ name, installedBytes: await directoryBytes(join(input.nodeModules, name)) });
  }

  const suggestions: TBuildMetrics['suggestions'] = [];
  // The three largest modules, when they are big enough to be worth a look.
  for (const module of modules.slice(0, 3).filter((item) => item.renderedBytes >= LARGE_MODULE_BYTES)) {
    suggestions.push({
      kind: 'largest-module',
      message: `${module.id} is ${formatKb(module.renderedBytes)} before minification${module.package ? ` (package ${module.package}): import only what you use or load it lazily` : ''}`,
      bytes: module.renderedBytes,
    });
  }
  for (const duplicate of input.bundle.duplicates) {
    suggestions.push({
      kind: 'duplicate-package',
      message: `${duplicate.name} is bundled ${duplicate.versions.length} times (${duplicate.versions.join(', ')}): align the versions`,
      bytes: null,
    });
  }
  for (const unused of unusedDependencies.filter((dep) => dep.installedBytes >= HEAVY_DEPENDENCY_BYTES)) {
    suggestions.push({
      kind: 'unused-dependency',
      message: `${unused.name} (${formatKb(unused.installedBytes)} installed) is a dependency but nothing in the bundle uses it`,
      bytes: unused.installedBytes,
    });
  }
  for (const chunk of chunks.filter(
    (item) => item.bytes > LARGE_CHUNK_BYTES && item.fileName.endsWith('.js'),
  )) {
    suggestions.push({
      kind: 'large-chunk',
      message: `${chunk.fileName} is ${formatKb(chunk.bytes)}: split it with dynamic import()`,
      bytes: chunk.bytes,
    });
  }

  const images = input.images?.images ?? [];
  return {
    totalBytes,
    gzipBytes,
    brotliBytes,
    sourceMapBytes,
    chunks,
    modules,
    duplicates: input.bundle.duplicates,
    unusedDependencies,
    images,
    savedBytes: images.reduce((sum, image) => sum + (image.beforeBytes - image.afterBytes), 0),
    stageMs: input.stageMs,
    suggestions,
    warnings: input.warnings,
  };
}

export function formatKb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}
