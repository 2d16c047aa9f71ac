import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  makeComponent,
  makeProject,
  makeWorkspace,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { COMPONENT_PUBLISHED, createEvent } from '@lumenforge/events';
import { loadStarterFiles } from '@lumenforge/ignis-workspace/server';
import { connectNats, type NatsConnection } from '@lumenforge/nats/server';
import { readTestNatsUrl } from '@lumenforge/nats/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildRepository } from './build.repository';
import {
  JetStreamBuildQueue,
  PostgresBuildQueue,
  startJetStreamDispatcher,
  type IBuildQueue,
} from './build-queue';
import { BuildWorker } from './build-worker';
import { queueComponentLibraryBuild } from './component-library.subscriber';
import type { TWorkerFixtureConfig } from './worker-process.fixture';

let database: TTestDatabase;
let repo: BuildRepository;
let home: string;
let workspaceId: string;
let projectId: string;
let starter: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  repo = new BuildRepository(database.db);
  home = mkdtempSync(join(tmpdir(), 'ignis-builds-test-'));
  const workspace = await makeWorkspace(database.db);
  workspaceId = workspace.id;
  projectId = (await makeProject(database.db, { workspace })).id;
  starter = await loadStarterFiles();
});
afterAll(async () => {
  await database?.drop();
  rmSync(home, { recursive: true, force: true });
});

function queueBuild(files: Record<string, string>) {
  return repo.create({
    workspaceId,
    kind: 'project',
    projectId,
    source: { kind: 'files', files, entry: 'src/main.tsx', workspaceId },
    trigger: 'manual',
    causeKind: 'manual',
  });
}

function worker(
  queue: IBuildQueue = new PostgresBuildQueue(repo),
  extra: Partial<ConstructorParameters<typeof BuildWorker>[0]> = {},
) {
  return new BuildWorker({ repo, queue, db: database.db, home, leaseMs: 5_000, ...extra });
}

async function outboxSubjects(buildId: string): Promise<string[]> {
  const rows = await database.db.$queryRaw<Array<{ subject: string }>>`
    SELECT subject FROM outbox WHERE envelope->'data'->>'buildId' = ${buildId} ORDER BY insert_order`;
  return rows.map((row) => row.subject);
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('IGNIS build pipeline (real PostgreSQL, real tsc/vitest/vite/sharp in sandboxed children)', () => {
  it('builds the starter project with metrics, an OCI artifact, a log and started/completed events', async () => {
    const build = await queueBuild(starter);
    expect(await worker().runOnce()).toBe(true);
    const done = await repo.get(build.id);
    expect(done?.status, JSON.stringify(done?.errorDetail)).toBe('succeeded');
    expect(done?.stages.map((stage) => [stage.name, stage.status])).toEqual([
      ['install', 'succeeded'],
      ['typecheck', 'succeeded'],
      ['tests', 'succeeded'],
      ['bundle', 'succeeded'],
      ['images', 'succeeded'],
    ]);
    const metrics = done?.metrics;
    expect(metrics?.totalBytes).toBeGreaterThan(100_000);
    expect(metrics?.gzipBytes).toBeLessThan(metrics?.totalBytes ?? 0);
    expect(metrics?.brotliBytes).toBeLessThan(metrics?.gzipBytes ?? 0);
    expect(metrics?.chunks.some((chunk) => chunk.kind === 'entry' && chunk.fileName.endsWith('.js'))).toBe(
      true,
    );
    expect(metrics?.chunks.some((chunk) => chunk.kind === 'css')).toBe(true);
    expect(metrics?.modules.some((module) => module.package === 'react-dom')).toBe(true);
    expect(metrics?.modules.some((module) => module.id === 'src/components/Counter.tsx')).toBe(true);
    expect(metrics?.suggestions.some((suggestion) => suggestion.kind === 'largest-module')).toBe(true);
    expect(done?.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(done?.artifactDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const artifactDir = join(home, 'ignis', 'artifacts', (done?.artifactDigest ?? '').replace(':', '-'));
    const index = JSON.parse(readFileSync(join(artifactDir, 'index.json'), 'utf8')) as {
      manifests: Array<{ digest: string }>;
    };
    expect(index.manifests[0]?.digest).toBe(done?.artifactDigest);
    expect(existsSync(join(artifactDir, 'oci-layout'))).toBe(true);
    const log = await repo.logLines(build.id);
    expect(log.some((line) => line.stage === 'bundle' && /built in/.test(line.line))).toBe(true);
    expect(await outboxSubjects(build.id)).toEqual(['wissil.build.started', 'wissil.build.completed']);

    // Same inputs again: the artifact is reused, nothing is rebuilt.
    const again = await queueBuild(starter);
    await worker().runOnce();
    const reused = await repo.get(again.id);
    expect(reused?.status).toBe('succeeded');
    expect(reused?.reusedFromBuildId).toBe(build.id);
    expect(reused?.artifactDigest).toBe(done?.artifactDigest);
    expect(reused?.stages.every((stage) => stage.status === 'reused')).toBe(true);
  });

  it('reports a failing type-check with file and line', async () => {
    const broken = {
      ...starter,
      'src/App.tsx': `${starter['src/App.tsx']}\nexport const answer: number = 'forty-two';\n`,
    };
    const line = broken['src/App.tsx']?.split('\n').findIndex((text) => text.includes('forty-two'));
    const build = await queueBuild(broken);
    await worker().runOnce();
    const done = await repo.get(build.id);
    expect(done?.status).toBe('failed');
    expect(done?.errorDetail).toMatchObject({
      stage: 'typecheck',
      file: 'src/App.tsx',
      line: (line ?? 0) + 1,
      code: 'TS2322',
    });
    expect(done?.error).toMatch(/src\/App\.tsx\(\d+,\d+\): Type 'string' is not assignable to type 'number'/);
    expect(done?.stages.find((stage) => stage.name === 'bundle')?.status).toBe('skipped');
    expect(await outboxSubjects(build.id)).toEqual(['wissil.build.started', 'wissil.build.failed']);
  });

  it('ends a runaway test at the CPU limit with a clear error', async () => {
    const runaway = {
      ...starter,
      'src/components/Runaway.test.tsx':
        "import { it } from 'vitest';\nit('never ends', () => { for (;;) {} });\n",
    };
    const build = await queueBuild(runaway);
    await worker(undefined, { limits: { tests: { cpuSeconds: 8, wallClockMs: 60_000 } } }).runOnce();
    const done = await repo.get(build.id);
    expect(done?.status).toBe('failed');
    expect(done?.errorDetail).toMatchObject({ stage: 'tests', limitHit: 'cpu', code: 'LIMIT_CPU' });
    expect(done?.error).toMatch(/tests: CPU time limit of 8 s exceeded/);
  });

  it('ends a memory-hungry test at the memory limit with a clear error', async () => {
    const hog = {
      ...starter,
      'src/components/Hog.test.tsx':
        "import { it } from 'vitest';\nit('hoards', async () => { const keep: Buffer[] = []; for (;;) { keep.push(Buffer.alloc(32 << 20, 1)); await new Promise((r) => setTimeout(r, 10)); } }, 120_000);\n",
    };
    const build = await queueBuild(hog);
    await worker(undefined, { limits: { tests: { memoryMb: 600, wallClockMs: 90_000 } } }).runOnce();
    const done = await repo.get(build.id);
    expect(done?.status).toBe('failed');
    expect(done?.errorDetail).toMatchObject({ stage: 'tests', limitHit: 'memory', code: 'LIMIT_MEMORY' });
    expect(done?.error).toMatch(/tests: memory limit of 600 MB exceeded/);
  });

  it('cancels a running build', async () => {
    const build = await queueBuild({ ...starter, 'src/extra.ts': 'export const extra = 1;\n' });
    const running = worker().runOnce();
    await waitFor(async () =>
      (await repo.get(build.id))?.stages.find(
        (stage) => stage.name === 'typecheck' && stage.status === 'running',
      ),
    );
    const requested = await repo.requestCancel(build.id, workspaceId);
    expect(requested?.cancelRequestedAt).not.toBeNull();
    await running;
    const done = await repo.get(build.id);
    expect(done?.status).toBe('cancelled');
    expect(done?.stages.find((stage) => stage.name === 'typecheck')?.status).toBe('cancelled');
    expect(await outboxSubjects(build.id)).toEqual(['wissil.build.started']);
  });

  it('cancels a queued build at once, and only in its own workspace', async () => {
    const build = await queueBuild(starter);
    const other = await makeWorkspace(database.db);
    expect(await repo.requestCancel(build.id, other.id)).toBeNull();
    expect((await repo.requestCancel(build.id, workspaceId))?.status).toBe('cancelled');
    expect(await worker().runOnce()).toBe(false);
  });
});

describe('wissil.component.published → component-library build', () => {
  it('queues a build of the workspace catalogue caused by that component, and builds it', async () => {
    const workspace = await makeWorkspace(database.db);
    const component = await makeComponent(database.db, {
      workspace,
      name: 'PriceTag',
      source: 'export function PriceTag() {\n  return <span className="font-bold">€ 12</span>;\n}\n',
    });
    await database.db.component.update({ where: { id: component.id }, data: { status: 'published' } });
    const event = createEvent(COMPONENT_PUBLISHED, {
      data: { componentId: component.id, name: 'PriceTag', version: 1 },
      actor: { type: 'system', id: 'spark' },
      correlationId: 'test-publish',
      workspaceId: workspace.id,
    });
    const buildId = await database.db.$transaction((tx) => queueComponentLibraryBuild(tx, event));
    const queued = await repo.get(buildId ?? '');
    expect(queued).toMatchObject({
      kind: 'component-library',
      status: 'queued',
      componentId: component.id,
      causeKind: 'component',
      causeRef: `${component.id}@1`,
    });
    expect(queued?.target).toEqual({ kind: 'component', id: component.id, name: 'PriceTag' });

    await worker().runOnce();
    const done = await repo.get(buildId ?? '');
    expect(done?.status, JSON.stringify(done?.errorDetail)).toBe('succeeded');
    expect(done?.metrics?.modules.some((module) => module.id === 'src/components/PriceTag.tsx')).toBe(true);
    const [started] = await database.db.$queryRaw<Array<{ trigger: string }>>`
      SELECT envelope->'data'->>'trigger' AS trigger FROM outbox
      WHERE subject = 'wissil.build.started' AND envelope->'data'->>'buildId' = ${buildId}`;
    expect(started?.trigger).toBe('component_published');
  });
});

describe.each(['postgres', 'jetstream'] as const)(
  'two workers, one killed mid-build (%s queue)',
  (queueKind) => {
    let nc: NatsConnection | undefined;
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const names = {
      stream: `IGNIS_BUILDS_TEST_${suffix}`,
      subject: `ignis.test.${suffix}.jobs`,
      consumer: `builder-${suffix}`,
    };
    afterAll(async () => {
      if (nc) {
        const { jetstreamManager } = await import('@nats-io/jetstream');
        await (await jetstreamManager(nc)).streams.delete(names.stream).catch(() => undefined);
        await nc.close();
      }
    });

    it('the job completes once, by the surviving worker', async () => {
      const leaseMs = 3_000;
      let queue: IBuildQueue = new PostgresBuildQueue(repo);
      if (queueKind === 'jetstream') {
        nc = await connectNats({ servers: [readTestNatsUrl()], name: 'ignis-builds-test' });
        queue = await JetStreamBuildQueue.create(nc, repo, { ackWaitMs: leaseMs, ...names });
      }
      const build = await queueBuild({
        ...starter,
        'src/which.ts': `export const which = '${queueKind}';\n`,
      });
      await queue.enqueue(build.id);

      const config: TWorkerFixtureConfig = {
        databaseUrl: database.url,
        home,
        leaseMs,
        queue: queueKind,
        natsUrl: readTestNatsUrl(),
        ...names,
      };
      const doomed: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'worker-process.fixture.ts'), JSON.stringify(config)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        // Kill it once it is inside the pipeline (the typecheck stage), holding the lease.
        await waitFor(async () => {
          const current = await repo.get(build.id);
          return (
            current?.status === 'running' &&
            current.stages.some((stage) => stage.name === 'typecheck' && stage.status === 'running')
          );
        }, 60_000);
        doomed.kill('SIGKILL');
      } finally {
        if (doomed.exitCode === null) doomed.kill('SIGKILL');
      }

      const survivor = worker(queue, { leaseMs, workerId: 'survivor' });
      await waitFor(() => survivor.runOnce(), 30_000);
      const done = await repo.get(build.id);
      expect(done?.status).toBe('succeeded');
      expect(done?.attempts).toBe(2);
      const subjects = await outboxSubjects(build.id);
      expect(subjects.filter((subject) => subject === 'wissil.build.completed')).toHaveLength(1);
      expect(subjects.filter((subject) => subject === 'wissil.build.started')).toHaveLength(1);
      const log = await repo.logLines(build.id);
      expect(log.some((line) => /attempt 2/.test(line.line))).toBe(true);
      // Nothing left for anyone.
      expect(await survivor.runOnce()).toBe(false);
    });
  },
);

describe('JetStream dispatcher', () => {
  it('publishes a job for a queued build once (Nats-Msg-Id), and a worker on the work queue builds it', async () => {
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const names = {
      stream: `IGNIS_DISPATCH_TEST_${suffix}`,
      subject: `ignis.dispatch.${suffix}.jobs`,
      consumer: `builder-${suffix}`,
    };
    const nc = await connectNats({ servers: [readTestNatsUrl()], name: 'ignis-dispatch-test' });
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const jsm = await jetstreamManager(nc);
    try {
      const queue = await JetStreamBuildQueue.create(nc, repo, { ackWaitMs: 5_000, ...names });
      const build = await queueBuild({
        ...starter,
        'src/dispatched.ts': 'export const dispatched = true;\n',
      });
      const dispatcher = startJetStreamDispatcher(repo, queue, { everyMs: 100 });
      try {
        // Several dispatch rounds while it is queued: deduplicated to one message.
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect((await jsm.streams.info(names.stream)).state.messages).toBe(1);
        await waitFor(() => worker(queue, { leaseMs: 5_000 }).runOnce(), 30_000);
      } finally {
        dispatcher.stop();
      }
      expect((await repo.get(build.id))?.status).toBe('succeeded');
      // Acked on completion: the work queue is empty.
      expect((await jsm.streams.info(names.stream)).state.messages).toBe(0);
    } finally {
      await jsm.streams.delete(names.stream).catch(() => undefined);
      await nc.close();
    }
  });
});
