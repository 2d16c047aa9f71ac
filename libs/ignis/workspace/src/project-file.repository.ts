import type { TDbClient, TDbTransaction } from '@lumenforge/db/server';
import { computeTreeRevision, sha256Hex } from './digest';
import {
  contentBytes,
  FileConflictError,
  FileNotFoundError,
  FileTooLargeError,
  MAX_TREE_BYTES,
  validateFilePath,
  validateFileSize,
  validateTree,
} from './limits';

/** One entry of a tree listing (no content). */
export type TProjectFileEntry = { path: string; sha256: string; sizeBytes: number; updatedAt: Date };
/** One file with its content. */
export type TProjectFile = TProjectFileEntry & { content: string; updatedById: string | null };

export type TWriteFileOptions = {
  /**
   * Optimistic concurrency: the sha256 the caller last read. `null` = the file must not exist yet;
   * `undefined` = overwrite whatever is there.
   */
  expectedSha256?: string | null;
  /** Who wrote it (informational). */
  actorId?: string | null;
  /** Runs in the change's transaction after it, with the tree's new revision (not for an unchanged write). */
  afterChange?: TAfterTreeChange;
};

/** The tree's state after a change, handed to `afterChange` inside the change's transaction. */
export type TTreeChange = { projectId: string; revision: string };
/**
 * A hook a caller runs in the same transaction as a tree change (e.g. queueing the project's build):
 * if it throws, the change is rolled back with it.
 */
export type TAfterTreeChange = (tx: TDbTransaction, change: TTreeChange) => Promise<void>;

export type TWriteFileResult = TProjectFileEntry & { created: boolean; unchanged: boolean };

/** The `project_files` rows of a whole tree (already validated). */
export function projectFileRows(
  projectId: string,
  files: Readonly<Record<string, string>>,
  updatedById: string | null = null,
) {
  return Object.entries(files).map(([path, content]) => ({
    projectId,
    path,
    content,
    sha256: sha256Hex(content),
    sizeBytes: contentBytes(content),
    updatedById,
  }));
}

const ENTRY_SELECT = { path: true, sha256: true, sizeBytes: true, updatedAt: true } as const;

/**
 * A project's file tree in PostgreSQL (the source of truth; work directories are materialised from
 * it). Every write validates the path and sizes first and runs in a transaction that locks the
 * project row, so the 50 MB tree limit and the sha256 check hold under concurrent writers; a
 * refused write changes nothing.
 */
export class ProjectFileRepository {
  constructor(private readonly db: TDbClient) {}

  /** The tree's entries sorted by path. @throws FileNotFoundError when the project does not exist. */
  async list(projectId: string): Promise<TProjectFileEntry[]> {
    await this.requireProject(this.db, projectId);
    return this.db.projectFile.findMany({
      where: { projectId },
      select: ENTRY_SELECT,
      orderBy: { path: 'asc' },
    });
  }

  /** One file. @throws InvalidFilePathError | FileNotFoundError */
  async read(projectId: string, path: string): Promise<TProjectFile> {
    validateFilePath(path);
    const row = await this.db.projectFile.findUnique({
      where: { projectId_path: { projectId, path } },
      select: { ...ENTRY_SELECT, content: true, updatedById: true },
    });
    if (!row) throw new FileNotFoundError(`${path} does not exist in this project.`);
    return row;
  }

  /** Every file's content, keyed by path (what `materialise` writes). */
  async readTree(projectId: string): Promise<Record<string, string>> {
    await this.requireProject(this.db, projectId);
    const rows = await this.db.projectFile.findMany({
      where: { projectId },
      select: { path: true, content: true },
      orderBy: { path: 'asc' },
    });
    return Object.fromEntries(rows.map((row) => [row.path, row.content]));
  }

  /**
   * Creates or replaces one file.
   * @throws InvalidFilePathError | FileTooLargeError | FileConflictError | FileNotFoundError (project)
   */
  async write(
    projectId: string,
    path: string,
    content: string,
    options: TWriteFileOptions = {},
  ): Promise<TWriteFileResult> {
    validateFilePath(path);
    const sizeBytes = validateFileSize(content);
    const sha256 = sha256Hex(content);
    return this.db.$transaction(async (tx) => {
      await this.lockProject(tx, projectId);
      const current = await tx.projectFile.findUnique({
        where: { projectId_path: { projectId, path } },
        select: ENTRY_SELECT,
      });
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== (current?.sha256 ?? null)) {
        throw new FileConflictError(path, options.expectedSha256, current?.sha256 ?? null);
      }
      if (current?.sha256 === sha256) return { ...current, created: false, unchanged: true };
      const total = await this.treeBytes(tx, projectId);
      const after = total - (current?.sizeBytes ?? 0) + sizeBytes;
      if (after > MAX_TREE_BYTES) throw new FileTooLargeError('tree', after, MAX_TREE_BYTES);
      const data = { content, sha256, sizeBytes, updatedById: options.actorId ?? null };
      const row = await tx.projectFile.upsert({
        where: { projectId_path: { projectId, path } },
        create: { projectId, path, ...data },
        update: data,
        select: ENTRY_SELECT,
      });
      await this.touch(tx, projectId, options.afterChange);
      return { ...row, created: current === null, unchanged: false };
    });
  }

  /**
   * Deletes one file (`expectedSha256` as in {@link write}, `null` not allowed).
   * @throws InvalidFilePathError | FileNotFoundError | FileConflictError
   */
  async delete(
    projectId: string,
    path: string,
    options: { expectedSha256?: string; afterChange?: TAfterTreeChange } = {},
  ): Promise<void> {
    validateFilePath(path);
    await this.db.$transaction(async (tx) => {
      await this.lockProject(tx, projectId);
      const current = await tx.projectFile.findUnique({
        where: { projectId_path: { projectId, path } },
        select: { sha256: true },
      });
      if (!current) throw new FileNotFoundError(`${path} does not exist in this project.`);
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== current.sha256) {
        throw new FileConflictError(path, options.expectedSha256, current.sha256);
      }
      await tx.projectFile.delete({ where: { projectId_path: { projectId, path } } });
      await this.touch(tx, projectId, options.afterChange);
    });
  }

  /**
   * Replaces the whole tree with `files` (imports, the starter, IGNITION's push): validated first,
   * then one transaction. @throws InvalidFilePathError | FileTooLargeError | FileNotFoundError
   */
  async replaceTree(
    projectId: string,
    files: Readonly<Record<string, string>>,
    options: { actorId?: string | null; afterChange?: TAfterTreeChange } = {},
  ): Promise<void> {
    validateTree(files);
    await this.db.$transaction(async (tx) => {
      await this.lockProject(tx, projectId);
      await tx.projectFile.deleteMany({ where: { projectId } });
      await tx.projectFile.createMany({ data: projectFileRows(projectId, files, options.actorId ?? null) });
      await this.touch(tx, projectId, options.afterChange);
    });
  }

  /** The tree's current revision (see `computeTreeRevision`). */
  async revision(projectId: string): Promise<string> {
    return this.treeRevision(this.db, projectId);
  }

  // Marks the project changed and runs the caller's hook in the change's transaction.
  private async touch(tx: TDbTransaction, projectId: string, afterChange?: TAfterTreeChange): Promise<void> {
    await tx.project.update({ where: { id: projectId }, data: { updatedAt: new Date() } });
    if (afterChange) await afterChange(tx, { projectId, revision: await this.treeRevision(tx, projectId) });
  }

  private async treeRevision(db: TDbClient | TDbTransaction, projectId: string): Promise<string> {
    const entries = await db.projectFile.findMany({
      where: { projectId },
      select: { path: true, sha256: true },
    });
    return computeTreeRevision(entries);
  }

  private async treeBytes(tx: TDbTransaction, projectId: string): Promise<number> {
    const sum = await tx.projectFile.aggregate({ where: { projectId }, _sum: { sizeBytes: true } });
    return sum._sum.sizeBytes ?? 0;
  }

  // Serialises writers of one project (tree-size check + write are then atomic).
  private async lockProject(tx: TDbTransaction, projectId: string): Promise<void> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
    if (rows.length === 0) throw new FileNotFoundError('The project does not exist.');
  }

  private async requireProject(db: TDbClient, projectId: string): Promise<void> {
    const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
    if (!project) throw new FileNotFoundError('The project does not exist.');
  }
}
