// The backup archive: a tar (gzip'd for the built-in format) whose first member is manifest.json,
// followed by manifest.sha256 and the data (database.pgdump, or one COPY text file per table).
// Every member's sha256 is in the manifest and the manifest's own in manifest.sha256, so a
// damaged archive is refused before anything is touched.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { z } from 'zod';
import { runProcess, tail } from './pg-tools';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_CHECKSUM_FILE = 'manifest.sha256';
export const PG_DUMP_FILE = 'database.pgdump';
export const ARCHIVE_FORMAT = 'lumenforge-pg-backup';

export type TBackupMethod = 'pg_dump' | 'builtin';

/** Archive extension per method: the name says how it was made. */
export const ARCHIVE_EXTENSION: Record<TBackupMethod, string> = {
  pg_dump: 'pgdump.tar',
  builtin: 'copy.tar.gz',
};

const ZColumn = z.object({ name: z.string(), type: z.string() });
const ZManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(1),
  method: z.enum(['pg_dump', 'builtin']),
  createdAt: z.string(),
  database: z.object({ name: z.string(), host: z.string(), port: z.number(), source: z.string() }),
  server: z.object({ version: z.string(), versionNum: z.number() }),
  pgDump: z.string().optional(),
  migrations: z.array(
    z.object({
      name: z.string(),
      checksum: z.string(),
      finishedAt: z.string().nullable(),
      rolledBackAt: z.string().nullable(),
    }),
  ),
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(ZColumn),
      hasIdentity: z.boolean(),
      rowCount: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      file: z.string().optional(),
    }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() })),
});
export type TManifest = z.infer<typeof ZManifest>;

/** Raised for an archive that is damaged, truncated or not ours; nothing has been changed. */
export class CorruptArchiveError extends Error {
  constructor(archive: string, reason: string) {
    super(
      `Refusing ${archive}: the archive is corrupted or not a LumenForge backup (${reason}). Nothing was changed.`,
    );
    this.name = 'CorruptArchiveError';
  }
}

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Writes manifest.json and manifest.sha256 into `stagingDir` (the data files are already there). */
export async function writeManifest(stagingDir: string, manifest: TManifest): Promise<void> {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(join(stagingDir, MANIFEST_FILE), text);
  await writeFile(join(stagingDir, MANIFEST_CHECKSUM_FILE), `${sha256Text(text)}  ${MANIFEST_FILE}\n`);
}

/** tar (gzip'd when `gzip`) of the staging directory, manifest first, written to `target`. */
export async function packArchive(
  stagingDir: string,
  manifest: TManifest,
  target: string,
  gzip: boolean,
): Promise<void> {
  const members = [MANIFEST_FILE, MANIFEST_CHECKSUM_FILE, ...manifest.files.map((file) => file.path)];
  const result = await runProcess('tar', [gzip ? '-czf' : '-cf', target, '-C', stagingDir, '--', ...members]);
  if (result.code !== 0) throw new Error(`tar failed (exit ${result.code}): ${tail(result.stderr)}`);
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export type TOpenedArchive = { dir: string; manifest: TManifest; dispose: () => Promise<void> };

/**
 * Extracts `archive` into a temporary directory and checks it completely: the manifest's checksum
 * and shape, and the sha256 and size of every data file. Throws {@link CorruptArchiveError}.
 */
export async function openArchive(archive: string): Promise<TOpenedArchive> {
  const dir = await mkdtemp(join(tmpdir(), 'lf-restore-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    let gzip: boolean;
    try {
      gzip = await isGzip(archive);
    } catch (error) {
      throw new CorruptArchiveError(archive, `cannot read it: ${(error as Error).message}`);
    }
    const extracted = await runProcess('tar', [gzip ? '-xzf' : '-xf', archive, '-C', dir, '--no-same-owner']);
    if (extracted.code !== 0) throw new CorruptArchiveError(archive, `tar: ${tail(extracted.stderr, 3)}`);
    const manifestText = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
    if (manifestText === undefined) throw new CorruptArchiveError(archive, `${MANIFEST_FILE} is missing`);
    const expected = (await readFile(join(dir, MANIFEST_CHECKSUM_FILE), 'utf8').catch(() => '')).split(
      /\s+/,
    )[0];
    if (!expected) throw new CorruptArchiveError(archive, `${MANIFEST_CHECKSUM_FILE} is missing`);
    if (sha256Text(manifestText) !== expected)
      throw new CorruptArchiveError(archive, `${MANIFEST_FILE} does not match its checksum`);
    let manifest: TManifest;
    try {
      manifest = ZManifest.parse(JSON.parse(manifestText));
    } catch (error) {
      throw new CorruptArchiveError(
        archive,
        `${MANIFEST_FILE} is invalid: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    for (const file of manifest.files) {
      const path = normalize(file.path);
      if (path.startsWith('..') || path.startsWith('/'))
        throw new CorruptArchiveError(archive, `unsafe member path ${file.path}`);
      const actual = await sha256File(join(dir, path)).catch(() => undefined);
      if (!actual) throw new CorruptArchiveError(archive, `${file.path} is missing`);
      if (actual.bytes !== file.bytes || actual.sha256 !== file.sha256)
        throw new CorruptArchiveError(archive, `${file.path} does not match its sha256 in the manifest`);
    }
    return { dir, manifest, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
