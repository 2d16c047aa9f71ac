import { z } from 'zod';
import type { TDb } from './client';
import {
  type TComponentDetail,
  type TComponentLibrarySummary,
  type TComponentSummary,
  type TCreateComponent,
  ZComponentDetailSchema,
  ZComponentSummarySchema,
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
  author: USER_REF,
  createdAt: true,
} as const;

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
              create: {
                number: 1,
                source: data.source,
                tests: data.tests,
                stories: data.stories,
                prompt: data.prompt,
                authorId: data.authorId,
              },
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
        versions: {
          orderBy: { number: 'desc' },
          select: { id: true, number: true, author: USER_REF, createdAt: true, prompt: true },
        },
      },
    });
    if (!row) return null;
    const latest = await this.db.componentVersion.findUniqueOrThrow({
      where: { componentId_number: { componentId: id, number: row.latestVersion } },
      select: VERSION_SELECT,
    });
    return ZComponentDetailSchema.parse({ ...row, latest });
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
