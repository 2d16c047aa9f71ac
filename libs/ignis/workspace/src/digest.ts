import { createHash } from 'node:crypto';

/** Hex sha256 of a string's UTF-8 bytes (the file's concurrency token). */
export function sha256Hex(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * The content address of a build input: sha256 over the (path, content) pairs sorted by path and
 * the dependency set's id. Length-prefixed, so no two different trees hash alike by concatenation.
 */
export function computeInputDigest(files: Readonly<Record<string, string>>, dependencySetId: string): string {
  const hash = createHash('sha256');
  const paths = Object.keys(files).sort();
  for (const path of paths) {
    const content = files[path] ?? '';
    hash.update(`${Buffer.byteLength(path)}:${path}\n${Buffer.byteLength(content)}:`);
    hash.update(content, 'utf8');
    hash.update('\n');
  }
  hash.update(`deps:${dependencySetId}`);
  return hash.digest('hex');
}

/**
 * A project tree's revision: sha256 over its (path, file sha256) pairs sorted by path. Two trees with
 * the same files have the same revision, so it names a saved state the way a commit digest does.
 */
export function computeTreeRevision(entries: ReadonlyArray<{ path: string; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${Buffer.byteLength(entry.path)}:${entry.path}\n${entry.sha256}\n`);
  }
  return hash.digest('hex');
}
