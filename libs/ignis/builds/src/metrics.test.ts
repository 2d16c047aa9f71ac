import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { measureBuild, type TBundleReport } from './metrics';

const root = mkdtempSync(join(tmpdir(), 'ignis-metrics-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('measureBuild', () => {
  it('measures the written files with gzip and brotli, ranks modules and suggests fixes', async () => {
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    mkdirSync(join(dist, '.vite'), { recursive: true });
    const js = 'export const a = 1;\n'.repeat(500);
    writeFileSync(join(dist, 'assets', 'index.js'), js);
    writeFileSync(join(dist, 'assets', 'index.js.map'), '{"version":3}');
    writeFileSync(join(dist, 'assets', 'index.css'), '.a{color:red}\n'.repeat(50));
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, '.vite', 'manifest.json'), '{}');
    const nodeModules = join(root, 'node_modules');
    mkdirSync(join(nodeModules, 'moment'), { recursive: true });
    writeFileSync(join(nodeModules, 'moment', 'moment.js'), 'x'.repeat(300 * 1024));
    const bundle: TBundleReport = {
      durationMs: 10,
      chunks: [
        {
          fileName: 'assets/index.js',
          name: 'index',
          isEntry: true,
          isDynamicEntry: false,
          bytes: js.length,
          modules: [
            { id: 'src/App.tsx', package: null, renderedLength: 1200 },
            {
              id: 'react-dom/cjs/react-dom.production.js',
              package: { name: 'react-dom', version: '19.0.0' },
              renderedLength: 500_000,
            },
            { id: 'src/empty.ts', package: null, renderedLength: 0 },
          ],
        },
      ],
      assets: [],
      duplicates: [{ name: 'lodash', versions: ['4.17.20', '4.17.21'] }],
    };
    const metrics = await measureBuild({
      distDir: dist,
      bundle,
      images: { images: [{ file: 'a.png', beforeBytes: 1000, afterBytes: 600 }] },
      dependencies: ['react-dom', 'moment', '@types/react'],
      nodeModules,
      stageMs: { bundle: 10 },
      warnings: 1,
    });
    expect(metrics.chunks.map((chunk) => chunk.fileName).sort()).toEqual([
      'assets/index.css',
      'assets/index.js',
      'index.html',
    ]);
    const chunk = metrics.chunks.find((item) => item.fileName === 'assets/index.js');
    expect(chunk).toMatchObject({
      kind: 'entry',
      bytes: js.length,
      gzipBytes: gzipSync(js, { level: 9 }).length,
    });
    expect(chunk?.brotliBytes).toBeLessThan(chunk?.gzipBytes ?? 0);
    expect(metrics.sourceMapBytes).toBe(13);
    expect(metrics.totalBytes).toBe(metrics.chunks.reduce((sum, item) => sum + item.bytes, 0));
    expect(metrics.modules.map((module) => module.id)).toEqual([
      'react-dom/cjs/react-dom.production.js',
      'src/App.tsx',
    ]);
    expect(metrics.unusedDependencies).toEqual([{ name: 'moment', installedBytes: 300 * 1024 }]);
    expect(metrics.savedBytes).toBe(400);
    const kinds = metrics.suggestions.map((suggestion) => suggestion.kind);
    expect(kinds).toContain('largest-module');
    expect(kinds).toContain('duplicate-package');
    expect(kinds).toContain('unused-dependency');
    expect(
      metrics.suggestions.find((suggestion) => suggestion.kind === 'duplicate-package')?.message,
    ).toMatch(/lodash is bundled 2 times/);
  });
});
