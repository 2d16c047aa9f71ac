// Backup archive names and the 30-day rotation (sentineliq-deployment.md "Rotate old backups
// (keep last 30 days)"): archives older than the window are deleted, except the newest archive of
// each kind, so a long pause in backups never leaves the directory empty.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type TArchiveKind = 'pg' | 'registry';

const ARCHIVE_NAME =
  /^lumenforge-(pg|registry)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-(\d+))?\.[A-Za-z0-9.]+$/;

/** `lumenforge-pg-20261124T010203Z` for a date (UTC), without extension. */
export function archiveStem(kind: TArchiveKind, date: Date): string {
  const iso = date.toISOString(); // 2026-11-24T01:02:03.456Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return `lumenforge-${kind}-${stamp}`;
}

/** Kind and time of an archive name, or undefined for any other file. */
export function parseArchiveName(
  name: string,
): { kind: TArchiveKind; createdAt: Date; sequence: number } | undefined {
  const match = ARCHIVE_NAME.exec(name);
  if (!match || name.endsWith('.partial')) return undefined;
  const [, kind, year, month, day, hour, minute, second, sequence] = match;
  const createdAt = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)),
  );
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return { kind: kind as TArchiveKind, createdAt, sequence: Number(sequence ?? 0) };
}

export type TArchiveEntry = { name: string; kind: TArchiveKind; createdAt: Date; sequence: number };

export type TRotationPlan = { keep: TArchiveEntry[]; remove: TArchiveEntry[] };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which archives to delete: those created more than `keepDays` days before `now`, never the newest
 * of a kind. Pure: the caller lists the directory and deletes.
 */
export function planRotation(entries: readonly TArchiveEntry[], now: Date, keepDays: number): TRotationPlan {
  const cutoff = now.getTime() - keepDays * DAY_MS;
  const newest = new Map<TArchiveKind, TArchiveEntry>();
  for (const entry of entries) {
    const current = newest.get(entry.kind);
    if (
      !current ||
      entry.createdAt.getTime() > current.createdAt.getTime() ||
      (entry.createdAt.getTime() === current.createdAt.getTime() && entry.sequence > current.sequence)
    )
      newest.set(entry.kind, entry);
  }
  const keep: TArchiveEntry[] = [];
  const remove: TArchiveEntry[] = [];
  for (const entry of [...entries].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    if (entry.createdAt.getTime() < cutoff && newest.get(entry.kind) !== entry) remove.push(entry);
    else keep.push(entry);
  }
  return { keep, remove };
}

/**
 * The archives in `dir`, dated by the UTC timestamp in their name (it survives copies between
 * hosts, which mtimes do not). Other files are not ours and are never touched.
 */
export async function listArchives(dir: string): Promise<TArchiveEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: TArchiveEntry[] = [];
  for (const name of names) {
    const parsed = parseArchiveName(name);
    if (!parsed) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile()) entries.push({ name, ...parsed });
  }
  return entries;
}

/** Applies the rotation in `dir`; resolves with the deleted names (oldest first). */
export async function rotateArchives(
  dir: string,
  keepDays: number,
  now = new Date(),
): Promise<TRotationPlan> {
  const plan = planRotation(await listArchives(dir), now, keepDays);
  for (const entry of plan.remove) await rm(join(dir, entry.name), { force: true });
  return plan;
}
