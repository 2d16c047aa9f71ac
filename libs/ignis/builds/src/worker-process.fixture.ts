// A builder in its own process for the "worker killed mid-build" test: claims one build and runs it
// (the test SIGKILLs it mid-build).
//   node --import tsx libs/ignis/builds/src/worker-process.fixture.ts '<TWorkerFixtureConfig as JSON>'
import { createDbClient } from '@lumenforge/db/server';
import { connectNats } from '@lumenforge/nats/server';
import { BuildRepository } from './build.repository';
import { JetStreamBuildQueue, PostgresBuildQueue, type IBuildQueue } from './build-queue';
import { BuildWorker } from './build-worker';

export type TWorkerFixtureConfig = {
  databaseUrl: string;
  home: string;
  leaseMs: number;
  queue: 'postgres' | 'jetstream';
  natsUrl: string;
  stream: string;
  subject: string;
  consumer: string;
};

const config = JSON.parse(process.argv[2] ?? '{}') as TWorkerFixtureConfig;
const db = createDbClient(config.databaseUrl);
const repo = new BuildRepository(db);
let queue: IBuildQueue = new PostgresBuildQueue(repo);
if (config.queue === 'jetstream') {
  const nc = await connectNats({ servers: [config.natsUrl], name: 'ignis-test-worker' });
  queue = await JetStreamBuildQueue.create(nc, repo, {
    ackWaitMs: config.leaseMs,
    stream: config.stream,
    subject: config.subject,
    consumer: config.consumer,
  });
}
const worker = new BuildWorker({
  repo,
  queue,
  db,
  home: config.home,
  leaseMs: config.leaseMs,
  workerId: 'doomed-worker',
});
process.stdout.write('ready\n');
for (;;) {
  if (await worker.runOnce()) break;
}
process.exit(0);
