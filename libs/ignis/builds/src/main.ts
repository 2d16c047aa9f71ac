// The IGNIS build worker process (`node --import tsx libs/ignis/builds/src/main.ts`), started and
// restarted by the platform runner: takes builds off the queue (PostgreSQL single-node, a JetStream
// work queue in cluster mode), runs their stages in sandboxed children, and queues a component-library
// build on every `wissil.component.published`.
import { DEMO_WORKSPACE } from '@lumenforge/db/seed';
import { createDbClient } from '@lumenforge/db/server';
import { COMPONENT_PUBLISHED } from '@lumenforge/events';
import { connectNats, natsServers, readNatsEnv } from '@lumenforge/nats/server';
import { describeIsolation } from '@lumenforge/ignis-sandbox';
import { seedStarterProject } from '@lumenforge/ignis-workspace/server';
import { createRuntime } from '@lumenforge/runtime/server';
import { BuildRepository } from './build.repository';
import {
  JetStreamBuildQueue,
  PostgresBuildQueue,
  startJetStreamDispatcher,
  type IBuildQueue,
} from './build-queue';
import { BuildWorker } from './build-worker';
import { COMPONENT_LIBRARY_CONSUMER, queueComponentLibraryBuild } from './component-library.subscriber';
import { readBuilderEnv, runtimeEnvSource } from './env';
import { registryFromEnv } from './registry';

const env = readBuilderEnv(runtimeEnvSource());
const db = createDbClient(env.DATABASE_URL, { poolMax: 4, applicationName: 'ignis-builder' });
const runtime = createRuntime({
  service: 'ignis-builder',
  env: { ...runtimeEnvSource(), DATABASE_URL: env.DATABASE_URL },
  db,
});
const log = {
  info: (message: string) => runtime.logger.info(message),
  error: (message: string) => runtime.logger.error(message),
};
const repo = new BuildRepository(db);

// A new user opening IGNIS finds a project to open: the seeded demo workspace gets the starter once
// (the db seed may not import this scope's files; every builder may try, one creates it).
await seedStarterProject(db, DEMO_WORKSPACE.slug)
  .then((projectId) => projectId && log.info(`demo workspace: starter project ${projectId} created`))
  .catch((error: unknown) => log.error(`starter project not seeded: ${String(error)}`));
const leaseMs = env.IGNIS_BUILD_LEASE_SECONDS * 1000;

let queue: IBuildQueue = new PostgresBuildQueue(repo);
let dispatcher: { stop: () => void } | null = null;
let closeNats = async () => undefined as unknown;
if (runtime.mode === 'cluster') {
  const nc = await connectNats({
    servers: natsServers(readNatsEnv(runtimeEnvSource())),
    name: 'ignis-builder',
  });
  queue = await JetStreamBuildQueue.create(nc, repo, { ackWaitMs: leaseMs });
  dispatcher = startJetStreamDispatcher(repo, queue, {
    onError: (error) => log.error(`dispatch: ${String(error)}`),
  });
  closeNats = () => nc.drain();
}

// Artifacts go to the registry when one is configured (docker/ and k8s/ set it in cluster mode).
const registry = registryFromEnv(env);
if (runtime.mode === 'cluster' && !registry)
  log.info('cluster mode without IGNIS_REGISTRY_URL: artifacts stay OCI image layouts on this builder only');

const stageLimits = {
  cpuSeconds: env.IGNIS_BUILD_CPU_SECONDS,
  memoryMb: env.IGNIS_BUILD_MEMORY_MB,
  wallClockMs: env.IGNIS_BUILD_WALL_CLOCK_SECONDS * 1000,
};
const workers = Array.from(
  { length: env.IGNIS_BUILD_CONCURRENCY },
  () =>
    new BuildWorker({
      repo,
      queue,
      db,
      home: env.LUMENFORGE_HOME,
      leaseMs,
      registry,
      limits: {
        install: stageLimits,
        typecheck: stageLimits,
        tests: stageLimits,
        bundle: stageLimits,
        images: stageLimits,
      },
      onError: (error) =>
        log.error(`build worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    }),
);
for (const worker of workers) worker.start();
log.info(
  `IGNIS builder: ${workers.length} worker(s) on the ${queue.kind} queue; ${describeIsolation('build').summary}` +
    (registry ? `; artifacts pushed to ${registry.url}/${registry.repositoryPrefix}/<workspace>` : ''),
);

const subscription = await runtime.bus.subscribe({
  consumer: COMPONENT_LIBRARY_CONSUMER,
  subject: COMPONENT_PUBLISHED.subject,
  handler: async (event, { tx }) => {
    const buildId = await queueComponentLibraryBuild(tx, event);
    if (buildId) log.info(`component published → component-library build ${buildId} queued`);
  },
});

let isStopping = false;
const stop = async (signal: string) => {
  if (isStopping) return;
  isStopping = true;
  log.info(`${signal}: stopping the IGNIS builder after the running build(s)`);
  dispatcher?.stop();
  await subscription.close().catch(() => undefined);
  await Promise.all(workers.map((worker) => worker.stop()));
  await closeNats().catch(() => undefined);
  await runtime.close().catch(() => undefined);
  await db.$disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
