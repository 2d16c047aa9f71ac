import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { listFiles } from './list-files';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

export type TArtifact = {
  /** `sha256:<hex>` of the image manifest: the artifact's address. */
  digest: string;
  /** The OCI image layout directory. */
  dir: string;
  layerDigest: string;
  layerBytes: number;
};

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A reproducible tar of `dir` (sorted paths, zero mtimes, root-owned): same files → same bytes → same digest. */
async function tarDirectory(dir: string, prefix: string): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on('end', () => resolve());
    tar.on('error', reject);
  });
  for (const file of await listFiles(dir)) {
    const content = await readFile(file);
    const name = `${prefix}/${relative(dir, file).split(sep).join('/')}`;
    const mode = (await stat(file)).mode & 0o755;
    await new Promise<void>((resolve, reject) =>
      tar.entry(
        { name, size: content.length, mode: mode | 0o644, mtime: new Date(0), uid: 0, gid: 0 },
        content,
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  }
  tar.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * Stores `distDir` as an OCI image layout (one gzip layer holding the files under /site) at
 * `<artifactsRoot>/sha256-<manifest hex>/`, readable by `skopeo copy oci:DIR docker://…` for WAYPOINT.
 * Content-addressed: storing the same output twice yields the same digest and keeps one copy.
 */
export async function storeArtifact(
  distDir: string,
  artifactsRoot: string,
  labels: Record<string, string> = {},
): Promise<TArtifact> {
  const tarball = await tarDirectory(distDir, 'site');
  // gzip's header carries no timestamp when mtime is 0 (Node writes 0), so the layer is reproducible too.
  const layer = gzipSync(tarball, { level: 9 });
  const layerDigest = sha256(layer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: labels, WorkingDir: '/site' },
      rootfs: { type: 'layers', diff_ids: [sha256(tarball)] },
    }),
  );
  const configDigest = sha256(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length },
      ],
      annotations: {
        'org.opencontainers.image.title': labels['org.opencontainers.image.title'] ?? 'ignis-build',
      },
    }),
  );
  const digest = sha256(manifest);
  const dir = artifactLayoutDir(artifactsRoot, digest);
  if (existsSync(join(dir, 'index.json'))) return { digest, dir, layerDigest, layerBytes: layer.length };

  const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const blobs = join(temporary, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const blob = (d: string) => join(blobs, d.slice('sha256:'.length));
  await writeFile(blob(layerDigest), layer);
  await writeFile(blob(configDigest), config);
  await writeFile(blob(digest), manifest);
  await writeFile(join(temporary, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(temporary, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' },
        },
      ],
    }),
  );
  try {
    await rename(temporary, dir);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    if (!existsSync(join(dir, 'index.json'))) throw error;
  }
  return { digest, dir, layerDigest, layerBytes: layer.length };
}

/** The OCI image layout directory of the artifact with this manifest digest. */
export function artifactLayoutDir(artifactsRoot: string, digest: string): string {
  return join(artifactsRoot, digest.replace(':', '-'));
}

/** Whether the artifact with this digest is still on disk (reuse needs it). */
export function artifactExists(artifactsRoot: string, digest: string): boolean {
  return existsSync(join(artifactLayoutDir(artifactsRoot, digest), 'index.json'));
}
