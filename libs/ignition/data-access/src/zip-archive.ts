// A small ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record), so a
// project can be downloaded without a dependency. In memory: projects are small and capped.
import { crc32, deflateRawSync } from 'node:zlib';

/** One file of an archive. `mode`: Unix permission bits (0o644 when absent; 0o755 keeps a script executable). */
export type TZipEntry = { path: string; content: Buffer; mode?: number; modifiedAt?: Date };

/** The most input bytes an archive takes (the project tree limit); more is `ZipTooLargeError` (413). */
export const MAX_ZIP_INPUT_BYTES = 50 * 1024 * 1024;
// Without ZIP64 the end record counts at most 0xffff entries.
const MAX_ENTRIES = 0xffff;

export class ZipTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`The archive would hold ${bytes} bytes; at most ${limit} are allowed`);
    this.name = 'ZipTooLargeError';
  }
}

const UTF8_NAMES = 0x0800; // general purpose flag bit 11: names are UTF-8
const STORED = 0;
const DEFLATED = 8;
const VERSION_NEEDED = 20; // 2.0: deflate
const MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED; // upper byte 3 = Unix: external attributes hold st_mode
const REGULAR_FILE = 0o100000;

/** MS-DOS time and date (2-second resolution, years 1980–2107) of `at` in UTC. */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** A relative path with `/` separators and no `.`/`..` segment (an archive must not write outside its folder). */
function checkedPath(path: string): string {
  const segments = path.split('/');
  if (
    !path ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  )
    throw new Error(`Not a relative file path for an archive: ${JSON.stringify(path)}`);
  return path;
}

/**
 * The ZIP archive of `entries`, each deflated (stored when deflating does not shrink it), names in
 * UTF-8, Unix permissions in the external attributes. `modifiedAt` is the default entry date.
 * @throws ZipTooLargeError when the contents exceed `maxBytes`
 */
export function createZipArchive(
  entries: readonly TZipEntry[],
  options: { modifiedAt?: Date; maxBytes?: number } = {},
): Buffer {
  const maxBytes = options.maxBytes ?? MAX_ZIP_INPUT_BYTES;
  const total = entries.reduce((sum, entry) => sum + entry.content.length, 0);
  if (total > maxBytes) throw new ZipTooLargeError(total, maxBytes);
  if (entries.length > MAX_ENTRIES) throw new Error(`An archive holds at most ${MAX_ENTRIES} files`);
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(checkedPath(entry.path), 'utf8');
    if (seen.has(entry.path)) throw new Error(`The archive already has ${entry.path}`);
    seen.add(entry.path);
    const deflated = deflateRawSync(entry.content);
    const [method, data] =
      deflated.length < entry.content.length ? [DEFLATED, deflated] : [STORED, entry.content];
    const crc = crc32(entry.content);
    const { time, date } = dosDateTime(entry.modifiedAt ?? options.modifiedAt ?? new Date());

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(MADE_BY_UNIX, 4);
    local.copy(header, 6, 4, 28); // version needed … uncompressed size are the same fields
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    header.writeUInt32LE(((REGULAR_FILE | ((entry.mode ?? 0o644) & 0o7777)) << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, data);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  // this disk, disk of the directory: 0
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // comment length: 0
  return Buffer.concat([...parts, directory, end]);
}
