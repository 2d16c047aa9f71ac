import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { containersNamed, ensureBaseImageForTests } from '@lumenforge/ignis-sandbox/testing';
import { loadStarterFiles } from '@lumenforge/ignis-workspace/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBuildMetrics } from './build.schema';
import { runPipeline } from './pipeline';

// The starter project built twice by the real pipeline: once in podman containers (the default where the
// base image exists), once with IGNIS_ISOLATION=process. Same output either way.
const skipReason = ensureBaseImageForTests();
if (skipReason) console.warn(`[ignis-builds] container build test skipped: ${skipReason}`);

let database: TTestDatabase;
let home: string;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  home = mkdtempSync(join(tmpdir(), 'ignis-container-build-'));
  workspaceId = (await makeWorkspace(database.db)).id;
});
afterAll(async () => {
  await database?.drop();
  rmSync(home, { recursive: true, force: true });
});

async function buildStarter(isolation: 'auto' | 'process') {
  process.env['IGNIS_ISOLATION'] = isolation;
  try {
    const logs: string[] = [];
    const startedAt = performance.now();
    const result = await runPipeline(
      {
        id: `container-test-${isolation}-${Date.now()}`,
        workspaceId,
        attempts: 1,
        kind: 'project',
        source: { kind: 'files', files: await loadStarterFiles(), entry: 'src/main.tsx', workspaceId },
      },
      {
        home,
        db: database.db,
        signal: new AbortController().signal,
        hooks: {
          onStages: async () => true,
          log: (stage, _stream, line) => logs.push(`${stage}: ${line}`),
          findReusable: async () => null, // build for real both times
        },
      },
    );
    const wallMs = Math.round(performance.now() - startedAt);
    return { result, logs, wallMs };
  } finally {
    delete process.env['IGNIS_ISOLATION'];
  }
}

/** What must not depend on the isolation: sizes and the chunk/module breakdown. */
function outputOf(metrics: TBuildMetrics | null | undefined) {
  if (!metrics) return null;
  const { totalBytes, gzipBytes, brotliBytes, chunks, modules } = metrics;
  return { totalBytes, gzipBytes, brotliBytes, chunks, modules };
}

describe.skipIf(skipReason !== null)(
  'the build pipeline in podman containers (real podman, tsc, vitest, vite, sharp)',
  () => {
    it('builds the starter project in containers with the same metrics as in process isolation', async () => {
      const container = await buildStarter('auto');
      expect(container.result.status, JSON.stringify(container.result)).toBe('succeeded');
      for (const stage of ['typecheck', 'tests', 'bundle', 'images'])
        expect(container.logs).toContainEqual(
          expect.stringMatching(new RegExp(`^${stage}: isolation: container ignis-sandbox-`)),
        );
      expect(containersNamed('ignis-sandbox-')).toEqual([]);

      const processRun = await buildStarter('process');
      expect(processRun.result.status, JSON.stringify(processRun.result)).toBe('succeeded');
      expect(processRun.logs).toContainEqual(expect.stringMatching(/^typecheck: isolation: process/));

      expect(outputOf(container.result.metrics)).toEqual(outputOf(processRun.result.metrics));
      expect(container.result.metrics?.totalBytes).toBeGreaterThan(100_000);
      console.info(
        `[ignis-builds] starter build: container ${container.wallMs} ms ${JSON.stringify(container.result.metrics?.stageMs)}, ` +
          `process ${processRun.wallMs} ms ${JSON.stringify(processRun.result.metrics?.stageMs)}`,
      );
    }, 180_000);
  },
);
