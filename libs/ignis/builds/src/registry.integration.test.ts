// Pushes a stored artifact to a real registry (Debian's `docker-registry`, the CNCF distribution
// server) and reads it back with skopeo and by digest over HTTP.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, makeProject, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { loadStarterFiles } from '@lumenforge/ignis-workspace/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArtifact, type TArtifact } from './artifact';
import { BuildRepository } from './build.repository';
import { PostgresBuildQueue } from './build-queue';
import { BuildWorker } from './build-worker';
import { pushArtifact, RegistryError, type TArtifactRegistry, type TRegistryTarget } from './registry';

const run = promisify(execFile);
const hasCommand = async (command: string) =>
  run('sh', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const hasRegistry = await hasCommand('docker-registry');
if (!hasRegistry)
  console.warn(
    'registry.integration: skipped, `docker-registry` is not installed (apt-get install docker-registry)',
  );

describe.skipIf(!hasRegistry)('pushArtifact against a real docker-registry', () => {
  let dir: string;
  let registry: ChildProcess;
  let registryLog = '';
  let url: string;
  let artifact: TArtifact;
  const repository = 'lumenforge/ignis/test-workspace';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ignis-registry-test-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log: { level: info, accesslog: { disabled: false } }',
        `storage: { filesystem: { rootdirectory: ${join(dir, 'storage')} } }`,
        `http: { addr: 127.0.0.1:${port} }`,
        '',
      ].join('\n'),
    );
    registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    registry.stdout?.on('data', (chunk: Buffer) => (registryLog += chunk.toString()));
    registry.stderr?.on('data', (chunk: Buffer) => (registryLog += chunk.toString()));
    for (let attempt = 0; ; attempt++) {
      const ok = await fetch(`${url}/v2/`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (attempt > 100) throw new Error(`docker-registry did not start:\n${registryLog}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><script src="./assets/main.js"></script>');
    writeFileSync(join(dist, 'assets', 'main.js'), 'console.log("ignis registry test");');
    artifact = await storeArtifact(dist, join(dir, 'artifacts'), {
      'org.opencontainers.image.title': 'ignis-registry-test',
    });
  }, 30_000);

  afterAll(() => {
    registry?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const target = (): TRegistryTarget => ({ url, repository });
  const uploadsStarted = () => registryLog.match(/"POST \/v2\/[^ ]*\/blobs\/uploads\/ HTTP/g)?.length ?? 0;

  it('pushes layer, config and manifest; the manifest by digest is our bytes', async () => {
    const pushed = await pushArtifact(artifact.dir, artifact.digest, target(), 'build-1');
    expect(pushed.reference).toBe(`${new URL(url).host}/${repository}@${artifact.digest}`);
    expect(pushed.uploadedBlobs).toHaveLength(2);
    expect(pushed.uploadedBlobs).toContain(artifact.layerDigest);
    expect(pushed.existingBlobs).toEqual([]);

    const byDigest = await fetch(`${url}/v2/${repository}/manifests/${artifact.digest}`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(byDigest.status).toBe(200);
    expect(byDigest.headers.get('docker-content-digest')).toBe(artifact.digest);
    const manifest = (await byDigest.json()) as { layers: Array<{ digest: string; size: number }> };
    expect(manifest.layers[0]).toMatchObject({ digest: artifact.layerDigest, size: artifact.layerBytes });

    const layer = await fetch(`${url}/v2/${repository}/blobs/${artifact.layerDigest}`);
    expect(layer.status).toBe(200);
    expect(Number(layer.headers.get('content-length'))).toBe(artifact.layerBytes);

    const tagged = await fetch(`${url}/v2/${repository}/tags/list`).then((response) => response.json());
    expect(tagged).toEqual({ name: repository, tags: ['build-1'] });
  });

  it('skopeo inspects the pushed artifact by digest', async () => {
    if (!(await hasCommand('skopeo'))) {
      console.warn('registry.integration: skopeo check skipped, `skopeo` is not installed');
      return;
    }
    const { stdout } = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      `docker://${new URL(url).host}/${repository}@${artifact.digest}`,
    ]);
    const inspected = JSON.parse(stdout) as {
      Digest: string;
      Layers: string[];
      Labels: Record<string, string>;
    };
    expect(inspected.Digest).toBe(artifact.digest);
    expect(inspected.Layers).toEqual([artifact.layerDigest]);
    expect(inspected.Labels['org.opencontainers.image.title']).toBe('ignis-registry-test');
  });

  it('pushing again uploads no blob (HEAD finds them) and re-tags the same digest', async () => {
    const before = uploadsStarted();
    expect(before).toBe(2);
    const again = await pushArtifact(artifact.dir, artifact.digest, target(), 'build-2');
    expect(again.uploadedBlobs).toEqual([]);
    expect(again.existingBlobs).toHaveLength(2);
    expect(again.reference).toBe(`${new URL(url).host}/${repository}@${artifact.digest}`);
    // The registry's own access log: no new upload session was opened.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(uploadsStarted()).toBe(before);
  });

  it("surfaces the registry's 4xx body: a layer whose bytes do not match its digest is refused", async () => {
    const corrupt = join(dir, 'corrupt');
    cpSync(artifact.dir, corrupt, { recursive: true });
    writeFileSync(
      join(corrupt, 'blobs', 'sha256', artifact.layerDigest.slice('sha256:'.length)),
      'not the layer',
    );
    const error = await pushArtifact(
      corrupt,
      artifact.digest,
      { url, repository: 'lumenforge/ignis/corrupt' },
      'build-4',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
    expect((error as Error).message).toMatch(/could not upload blob sha256:[a-f0-9]{64}: 400 DIGEST_INVALID/);
    await expect(pushArtifact(artifact.dir, artifact.digest, target(), 'bad tag!')).rejects.toThrow(
      /not a valid tag/,
    );
  });

  it('a registry that is down ends in a clear RegistryError, not a crash', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const error = await pushArtifact(
      artifact.dir,
      artifact.digest,
      { url: down, repository },
      'build-3',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('unreachable');
    expect((error as RegistryError).message).toMatch(
      new RegExp(
        `registry 127\\.0\\.0\\.1:\\d+ is unreachable \\(ECONNREFUSED\\) while trying to check blob sha256:`,
      ),
    );
  });

  describe('the build worker with a registry (cluster mode), real PostgreSQL and a real build', () => {
    let database: TTestDatabase;
    let repo: BuildRepository;
    let home: string;
    let workspaceId: string;
    let projectId: string;
    let starter: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase();
      repo = new BuildRepository(database.db);
      home = join(dir, 'home');
      const workspace = await makeWorkspace(database.db);
      workspaceId = workspace.id;
      projectId = (await makeProject(database.db, { workspace })).id;
      starter = await loadStarterFiles();
    }, 60_000);
    afterAll(async () => {
      await database?.drop();
    });

    const runBuild = async (registry: TArtifactRegistry) => {
      const build = await repo.create({
        workspaceId,
        kind: 'project',
        projectId,
        source: { kind: 'files', files: starter, entry: 'src/main.tsx', workspaceId },
        trigger: 'manual',
        causeKind: 'manual',
      });
      const worker = new BuildWorker({
        repo,
        queue: new PostgresBuildQueue(repo),
        db: database.db,
        home,
        leaseMs: 5_000,
        registry,
      });
      expect(await worker.runOnce()).toBe(true);
      return { view: await repo.get(build.id), log: await repo.logLines(build.id) };
    };
    const manifestPuts = () => registryLog.match(/"PUT \/v2\/[^ ]*\/manifests\/[^ ]* HTTP/g)?.length ?? 0;

    it('pushes the artifact, records its reference and announces it; a reused build pushes nothing', async () => {
      const registry = { url, repositoryPrefix: 'lumenforge/ignis' };
      const uploadsBefore = uploadsStarted();
      const { view: built, log } = await runBuild(registry);
      expect(built?.status, JSON.stringify(built?.errorDetail)).toBe('succeeded');
      const reference = `${new URL(url).host}/lumenforge/ignis/${workspaceId}@${built?.artifactDigest}`;
      expect(built?.artifactRef).toBe(reference);
      expect(
        log.some((line) => line.line.startsWith(`artifact pushed to ${reference} (2 blob(s) uploaded`)),
      ).toBe(true);
      expect(uploadsStarted()).toBe(uploadsBefore + 2);
      const manifest = await fetch(
        `${url}/v2/lumenforge/ignis/${workspaceId}/manifests/${built?.artifactDigest}`,
        {
          method: 'HEAD',
          headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
        },
      );
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('docker-content-digest')).toBe(built?.artifactDigest);
      const [event] = await database.db.$queryRaw<Array<{ ref: string }>>`
        SELECT envelope->'data'->>'artifactRef' AS ref FROM outbox
        WHERE subject = 'wissil.build.completed' AND envelope->'data'->>'buildId' = ${built?.id}`;
      expect(event?.ref).toBe(reference);

      // Same inputs: reused, and the registry already holds it under the same reference: no request at all.
      const putsBefore = manifestPuts();
      const uploadsAfterFirst = uploadsStarted();
      const { view: reused, log: reusedLog } = await runBuild(registry);
      expect(reused?.status).toBe('succeeded');
      expect(reused?.reusedFromBuildId).toBe(built?.id);
      expect(reused?.artifactRef).toBe(reference);
      expect(reusedLog.some((line) => line.line === `artifact already in the registry: ${reference}`)).toBe(
        true,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uploadsStarted()).toBe(uploadsAfterFirst);
      expect(manifestPuts()).toBe(putsBefore);
    }, 240_000);

    it('a registry that is down fails the build with a clear message; the stored artifact stays', async () => {
      const down = `http://127.0.0.1:${await freePort()}`;
      const { view } = await runBuild({ url: down, repositoryPrefix: 'lumenforge/ignis' });
      expect(view?.status).toBe('failed');
      expect(view?.error).toMatch(
        /^registry 127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\) while trying to check blob sha256:[a-f0-9]{64}$/,
      );
      expect(view?.artifactRef).toBeNull();
      // The OCI layout on disk is untouched: a later build with the registry back pushes it then.
      const layouts = readdirSync(join(home, 'ignis', 'artifacts')).filter((name) =>
        name.startsWith('sha256-'),
      );
      expect(layouts).toHaveLength(1);
      expect(existsSync(join(home, 'ignis', 'artifacts', layouts[0] ?? '', 'index.json'))).toBe(true);
    }, 120_000);
  });
});
