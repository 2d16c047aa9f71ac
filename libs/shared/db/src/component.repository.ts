import { z } from 'zod';
import type { TDb } from './client';
import { DbConflictError, DbNotFoundError } from './db-errors';
import type { Prisma } from './generated/prisma/client';
import {
  type TAddComponentVersion,
  type TComponentDetail,
  type TComponentLibrarySummary,
  type TComponentSummary,
  type TComponentVersion,
  type TCreateComponent,
  ZAddComponentVersionSchema,
  ZComponentDetailSchema,
  ZComponentSummarySchema,
  ZComponentVersionSchema,
  ZCreateComponentSchema,
} from './component.schema';
import { translateWriteErrors } from './prisma-errors';
import { byMatchRank, likeLiteral } from './search-pattern';

const USER_REF = { select: { id: true, name: true } } as const;

const SUMMARY_SELECT = {
  id: true,
  workspaceId: true,
  name: true,
  description: true,
  category: true,
  origin: true,
  status: true,
  latestVersion: true,
  publishedVersion: true,
  createdBy: USER_REF,
  createdAt: true,
  updatedAt: true,
} as const;

const VERSION_SELECT = {
  id: true,
  number: true,
  source: true,
  tests: true,
  stories: true,
  prompt: true,
  tokenVersion: true,
  generator: true,
  plan: true,
  author: USER_REF,
  createdAt: true,
} as const;

/** What every version row of a list shows (no files). */
const VERSION_SUMMARY_SELECT = {
  id: true,
  number: true,
  author: USER_REF,
  createdAt: true,
  prompt: true,
  tokenVersion: true,
  generator: true,
} as const;

/** The columns of version `number` from a parsed create or add-version input. */
function versionData(
  data: Pick<
    TCreateComponentData,
    'source' | 'tests' | 'stories' | 'prompt' | 'authorId' | 'tokenVersion' | 'generator' | 'plan'
  >,
  number: number,
) {
  return {
    number,
    source: data.source,
    tests: data.tests,
    stories: data.stories,
    prompt: data.prompt,
    authorId: data.authorId,
    tokenVersion: data.tokenVersion,
    generator: data.generator,
    // A JSON plan for Prisma: omitted (SQL NULL) when there is none.
    ...(data.plan == null ? {} : { plan: data.plan as Prisma.InputJsonValue }),
  };
}

type TCreateComponentData = z.output<typeof ZCreateComponentSchema>;

const ZUuid = z.uuid();
const MAX_LIST_SIZE = 200;

/**
 * SPARK's component library: components and their immutable versions, per workspace. Names are
 * unique per workspace whatever their case (a second `pricingcard` next to `PricingCard` is a
 * {@link DbConflictError}). Writes that publish an event run in the caller's transaction.
 */
export class ComponentRepository {
  constructor(private readonly db: TDb) {}

  /** Saves a new component with its version 1. Call on a `tx` to publish its event atomically. */
  async create(input: TCreateComponent): Promise<TComponentDetail> {
    const data = ZCreateComponentSchema.parse(input);
    const created = await translateWriteErrors(
      () =>
        this.db.component.create({
          data: {
            workspaceId: data.workspaceId,
            name: data.name,
            description: data.description,
            category: data.category,
            origin: data.origin,
            latestVersion: 1,
            createdById: data.authorId,
            versions: {
              create: versionData(data, 1),
            },
          },
          // Version 1 is the only one: the detail comes back from the insert itself.
          select: { ...SUMMARY_SELECT, versions: { select: VERSION_SELECT } },
        }),
      { conflict: `A component named ${data.name} already exists in this workspace` },
    );
    const { versions, ...component } = created;
    return ZComponentDetailSchema.parse({ ...component, latest: versions[0], versions });
  }

  /** The component with its newest version's files, or null (also for another workspace's id). */
  async findById(workspaceId: string, id: string): Promise<TComponentDetail | null> {
    if (!ZUuid.safeParse(id).success || !ZUuid.safeParse(workspaceId).success) return null;
    const row = await this.db.component.findFirst({
      where: { id, workspaceId },
      select: {
        ...SUMMARY_SELECT,
        versions: { orderBy: { number: 'desc' }, select: VERSION_SUMMARY_SELECT },
      },
    });
    if (!row) return null;
    const latest = await this.db.componentVersion.findUniqueOrThrow({
      where: { componentId_number: { componentId: id, number: row.latestVersion } },
      select: VERSION_SELECT,
    });
    return ZComponentDetailSchema.parse({ ...row, latest });
  }

  /** Version `number` of the workspace's component `id` with its files, or null (also for another workspace's). */
  async findVersion(workspaceId: string, id: string, number: number): Promise<TComponentVersion | null> {
    if (!ZUuid.safeParse(id).success || !ZUuid.safeParse(workspaceId).success) return null;
    if (!Number.isSafeInteger(number) || number < 1) return null;
    const row = await this.db.componentVersion.findFirst({
      where: { componentId: id, number, component: { workspaceId } },
      select: VERSION_SELECT,
    });
    return row ? ZComponentVersionSchema.parse(row) : null;
  }

  /**
   * Saves version `baseVersion + 1` of a component, only while `baseVersion` is still its latest:
   * the compare-and-set on `latest_version` makes two concurrent saves from the same base end in one
   * version and one {@link DbConflictError}. Another workspace's or an unknown component is a
   * {@link DbNotFoundError}. Call on a `tx` to publish its event atomically.
   */
  async addVersion(
    input: TAddComponentVersion,
  ): Promise<{ component: TComponentDetail; version: TComponentVersion }> {
    const data = ZAddComponentVersionSchema.parse(input);
    const number = data.baseVersion + 1;
    const moved = await this.db.component.updateMany({
      where: { id: data.componentId, workspaceId: data.workspaceId, latestVersion: data.baseVersion },
      data: { latestVersion: number },
    });
    if (moved.count === 0) {
      const current = await this.db.component.findFirst({
        where: { id: data.componentId, workspaceId: data.workspaceId },
        select: { latestVersion: true },
      });
      if (!current) throw new DbNotFoundError('No component with this id in your workspace');
      throw new DbConflictError(
        `Version ${data.baseVersion} is no longer the latest: v${current.latestVersion} was saved meanwhile. Reload and apply your change to it.`,
        ['baseVersion'],
      );
    }
    const version = await translateWriteErrors(
      () =>
        this.db.componentVersion.create({
          data: { componentId: data.componentId, ...versionData(data, number) },
          select: VERSION_SELECT,
        }),
      { conflict: `Version ${number} was saved meanwhile. Reload and apply your change to it.` },
    );
    const component = await this.findById(data.workspaceId, data.componentId);
    if (!component) throw new DbNotFoundError('No component with this id in your workspace');
    return { component, version: ZComponentVersionSchema.parse(version) };
  }

  /**
   * Marks version `number` of the component as the published one (status `published`). Unknown
   * component or version: {@link DbNotFoundError}. Call on a `tx` to publish its event atomically.
   */
  async publish(workspaceId: string, id: string, number: number): Promise<TComponentDetail> {
    const version = await this.findVersion(workspaceId, id, number);
    if (!version) throw new DbNotFoundError(`This component has no version ${number}`);
    await this.db.component.updateMany({
      where: { id, workspaceId },
      data: { status: 'published', publishedVersion: number },
    });
    const component = await this.findById(workspaceId, id);
    if (!component) throw new DbNotFoundError('No component with this id in your workspace');
    return component;
  }

  /** The workspace's components, recently changed first; `query` matches name, description or category. */
  async list(
    workspaceId: string,
    options: { query?: string; limit?: number } = {},
  ): Promise<TComponentSummary[]> {
    if (!ZUuid.safeParse(workspaceId).success) return [];
    const query = options.query?.trim() ?? '';
    const pattern = likeLiteral(query);
    const rows = await this.db.component.findMany({
      where: {
        workspaceId,
        ...(query
          ? {
              OR: [
                { name: { contains: pattern, mode: 'insensitive' } },
                { description: { contains: pattern, mode: 'insensitive' } },
                { category: { contains: pattern, mode: 'insensitive' } },
              ],
            }
          : {}),
      },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), MAX_LIST_SIZE),
      select: SUMMARY_SELECT,
    });
    return rows.map((row) => ZComponentSummarySchema.parse(row));
  }

  /** Components matching `query` (see {@link list}), best name matches first. */
  async search(workspaceId: string, query: string, limit: number): Promise<TComponentSummary[]> {
    const candidates = await this.list(workspaceId, { query, limit: MAX_LIST_SIZE });
    return byMatchRank(candidates, (row) => row.name, query.trim()).slice(0, Math.max(1, limit));
  }

  /** Whether the workspace has a component of that name, whatever its case (the unique index's rule). */
  async isNameTaken(workspaceId: string, name: string): Promise<boolean> {
    const found = await this.db.component.findFirst({
      where: { workspaceId, name: { equals: name, mode: 'insensitive' } },
      select: { id: true },
    });
    return found !== null;
  }

  /** How many components the workspace has. */
  count(workspaceId: string): Promise<number> {
    return this.db.component.count({ where: { workspaceId } });
  }

  /** How many components the workspace has, and its newest SPARK-generated version. */
  async summary(workspaceId: string): Promise<TComponentLibrarySummary> {
    const [count, lastGenerated] = await Promise.all([
      this.count(workspaceId),
      this.db.componentVersion.findFirst({
        where: { component: { workspaceId }, prompt: { not: null } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { number: true, createdAt: true, component: { select: { id: true, name: true } } },
      }),
    ]);
    return {
      count,
      lastGeneration: lastGenerated
        ? {
            componentId: lastGenerated.component.id,
            name: lastGenerated.component.name,
            version: lastGenerated.number,
            at: lastGenerated.createdAt,
          }
        : null,
    };
  }
}
