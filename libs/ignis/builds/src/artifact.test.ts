import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactExists, storeArtifact } from './artifact';

const root = mkdtempSync(join(tmpdir(), 'ignis-artifact-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function makeDist(name: string, js: string): string {
  const dist = join(root, name);
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
  writeFileSync(join(dist, 'assets', 'app.js'), js);
  return dist;
}

const blob = (dir: string, digest: string) =>
  readFileSync(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)));
const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

describe('storeArtifact', () => {
  it('writes a valid OCI image layout whose blobs match their digests', async () => {
    const artifact = await storeArtifact(makeDist('a', 'console.log(1)'), join(root, 'artifacts'));
    const index = JSON.parse(readFileSync(join(artifact.dir, 'index.json'), 'utf8')) as {
      manifests: Array<{ digest: string }>;
    };
    expect(index.manifests[0]?.digest).toBe(artifact.digest);
    expect(JSON.parse(readFileSync(join(artifact.dir, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0',
    });
    const manifestBytes = blob(artifact.dir, artifact.digest);
    expect(sha(manifestBytes)).toBe(artifact.digest);
    const manifest = JSON.parse(manifestBytes.toString()) as {
      config: { digest: string };
      layers: Array<{ digest: string; size: number }>;
    };
    const layer = blob(artifact.dir, manifest.layers[0]?.digest ?? '');
    expect(sha(layer)).toBe(manifest.layers[0]?.digest);
    expect(layer.length).toBe(manifest.layers[0]?.size);
    expect(sha(blob(artifact.dir, manifest.config.digest))).toBe(manifest.config.digest);
    const tar = gunzipSync(layer).toString('latin1');
    expect(tar).toContain('site/assets/app.js');
    expect(tar).toContain('console.log(1)');
    expect(artifactExists(join(root, 'artifacts'), artifact.digest)).toBe(true);
  });

  it('is content-addressed: same files, same digest; different files, different digest', async () => {
    const first = await storeArtifact(makeDist('b1', 'console.log(2)'), join(root, 'artifacts'));
    const second = await storeArtifact(makeDist('b2', 'console.log(2)'), join(root, 'artifacts'));
    const third = await storeArtifact(makeDist('b3', 'console.log(3)'), join(root, 'artifacts'));
    expect(second.digest).toBe(first.digest);
    expect(third.digest).not.toBe(first.digest);
  });
});
