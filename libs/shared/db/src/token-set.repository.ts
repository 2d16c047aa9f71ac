import { z } from 'zod';
import type { TDb } from './client';
import { DbConflictError } from './db-errors';
import type { Prisma } from './generated/prisma/client';
import { translateWriteErrors } from './prisma-errors';
import {
  type TAppendTokenVersion,
  type TTokenSetRow,
  type TTokenVersionRow,
  type TTokenVersionSummaryRow,
  ZAppendTokenVersionSchema,
  ZTokenSetSchema,
  ZTokenVersionSchema,
  ZTokenVersionSummarySchema,
} from './token-set.schema';

const USER_REF = { select: { id: true, name: true } } as const;

const TOKEN_SET_SELECT = {
  id: true,
  workspaceId: true,
  name: true,
  draft: true,
  draftBasedOn: true,
  draftUpdatedAt: true,
  draftUpdatedBy: USER_REF,
  latestVersion: true,
  createdAt: true,
} as const;

const VERSION_SUMMARY_SELECT = {
  id: true,
  tokenSetId: true,
  number: true,
  semver: true,
  changelog: true,
  author: USER_REF,
  bump: true,
  isBreaking: true,
  restoredFrom: true,
  publishedAt: true,
  diff: true,
} as const;

const ZUuid = z.uuid();
const json = (value: Record<string, unknown>) => value as Prisma.InputJsonObject;

/**
 * Design token sets (SLATE): one per workspace, a draft and immutable published versions. Writes
 * are compare-and-set, so a stale editor or a second publisher gets a {@link DbConflictError}
 * instead of silently overwriting someone's work. Token content is opaque here: SLATE validates it.
 */
export class TokenSetRepository {
  constructor(private readonly db: TDb) {}

  async findByWorkspace(workspaceId: string): Promise<TTokenSetRow | null> {
    if (!ZUuid.safeParse(workspaceId).success) return null;
    const row = await this.db.tokenSet.findUnique({ where: { workspaceId }, select: TOKEN_SET_SELECT });
    return row ? ZTokenSetSchema.parse(row) : null;
  }

  /** Creates the workspace's token set; a second one for the same workspace is a DbConflictError. */
  async create(input: {
    workspaceId: string;
    name: string;
    draft: Record<string, unknown>;
    draftUpdatedById?: string | null;
  }): Promise<TTokenSetRow> {
    const row = await translateWriteErrors(
      () =>
        this.db.tokenSet.create({
          data: {
            workspaceId: input.workspaceId,
            name: input.name,
            draft: json(input.draft),
            draftUpdatedById: input.draftUpdatedById ?? null,
          },
          select: TOKEN_SET_SELECT,
        }),
      { conflict: 'This workspace already has a token set' },
    );
    return ZTokenSetSchema.parse(row);
  }

  /**
   * Replaces the draft if nobody saved it since `expectedUpdatedAt` (the value the editor loaded);
   * returns null when someone did (nothing written). `draftBasedOn` is left as is unless given.
   */
  async saveDraft(input: {
    tokenSetId: string;
    draft: Record<string, unknown>;
    updatedById: string | null;
    expectedUpdatedAt: Date;
    basedOn?: number | null;
    at?: Date;
  }): Promise<TTokenSetRow | null> {
    const { count } = await this.db.tokenSet.updateMany({
      where: { id: input.tokenSetId, draftUpdatedAt: input.expectedUpdatedAt },
      data: {
        draft: json(input.draft),
        draftUpdatedById: input.updatedById,
        draftUpdatedAt: input.at ?? new Date(),
        ...(input.basedOn !== undefined ? { draftBasedOn: input.basedOn } : {}),
      },
    });
    if (count === 0) return null;
    const row = await this.db.tokenSet.findUniqueOrThrow({
      where: { id: input.tokenSetId },
      select: TOKEN_SET_SELECT,
    });
    return ZTokenSetSchema.parse(row);
  }

  /**
   * Appends a published version: moves `latestVersion` from `number - 1` (or null) to `number` in
   * one conditional UPDATE and inserts the row, and rebases the draft on it. Call inside the
   * transaction that also writes the outbox event. A concurrent publish that got there first makes
   * this throw DbConflictError (the transaction rolls back; nothing is half-written).
   */
  async appendVersion(input: TAppendTokenVersion): Promise<TTokenVersionRow> {
    const data = ZAppendTokenVersionSchema.parse(input);
    const previous = data.number === 1 ? null : data.number - 1;
    const { count } = await this.db.tokenSet.updateMany({
      where: { id: data.tokenSetId, latestVersion: previous },
      data: { latestVersion: data.number, draftBasedOn: data.number },
    });
    if (count === 0) {
      throw new DbConflictError('Another version was published meanwhile; reload and try again', [
        'latestVersion',
      ]);
    }
    const row = await translateWriteErrors(
      () =>
        this.db.tokenVersion.create({
          data: {
            tokenSetId: data.tokenSetId,
            number: data.number,
            semver: data.semver,
            changelog: data.changelog,
            authorId: data.authorId,
            content: json(data.content),
            diff: json(data.diff),
            bump: data.bump,
            isBreaking: data.isBreaking,
            restoredFrom: data.restoredFrom,
          },
          select: { ...VERSION_SUMMARY_SELECT, content: true },
        }),
      { conflict: `Version ${data.semver} already exists; choose a higher version` },
    );
    return ZTokenVersionSchema.parse(row);
  }

  /** Every version of a set without content, newest first. */
  async listVersions(tokenSetId: string): Promise<TTokenVersionSummaryRow[]> {
    if (!ZUuid.safeParse(tokenSetId).success) return [];
    const rows = await this.db.tokenVersion.findMany({
      where: { tokenSetId },
      orderBy: { number: 'desc' },
      select: VERSION_SUMMARY_SELECT,
    });
    return rows.map((row) => ZTokenVersionSummarySchema.parse(row));
  }

  async findVersion(tokenSetId: string, number: number): Promise<TTokenVersionRow | null> {
    if (!ZUuid.safeParse(tokenSetId).success || !Number.isSafeInteger(number) || number < 1) return null;
    const row = await this.db.tokenVersion.findUnique({
      where: { tokenSetId_number: { tokenSetId, number } },
      select: { ...VERSION_SUMMARY_SELECT, content: true },
    });
    return row ? ZTokenVersionSchema.parse(row) : null;
  }

  /**
   * The newest published version of a workspace's set with its content, in one query (what every
   * app's theme stylesheet reads), or null when nothing is published yet.
   */
  async findLatestVersionForWorkspace(workspaceId: string): Promise<TTokenVersionRow | null> {
    if (!ZUuid.safeParse(workspaceId).success) return null;
    const row = await this.db.tokenVersion.findFirst({
      where: { tokenSet: { workspaceId } },
      orderBy: { number: 'desc' },
      select: { ...VERSION_SUMMARY_SELECT, content: true },
    });
    return row ? ZTokenVersionSchema.parse(row) : null;
  }
}
