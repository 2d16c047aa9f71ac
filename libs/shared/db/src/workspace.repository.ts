import type { TDb } from './client';
import type { TMembershipRole } from './membership.schema';
import { translateWriteErrors } from './prisma-errors';
import {
  type TCreateWorkspace,
  type TRoleCounts,
  type TWorkspace,
  type TWorkspaceWithCounts,
  ZCreateWorkspaceSchema,
  ZWorkspaceSchema,
  ZWorkspaceSlugSchema,
  ZWorkspaceWithCountsSchema,
} from './workspace.schema';

const WORKSPACE_SELECT = { id: true, slug: true, name: true, createdAt: true, updatedAt: true } as const;

/** Workspaces, addressed by their unique slug. */
export class WorkspaceRepository {
  constructor(private readonly db: TDb) {}

  async findById(id: string): Promise<TWorkspace | null> {
    const row = await this.db.workspace.findUnique({ where: { id }, select: WORKSPACE_SELECT });
    return row ? ZWorkspaceSchema.parse(row) : null;
  }

  /** The workspace with member counts (total and per role), or null. */
  async findBySlug(slug: string): Promise<TWorkspaceWithCounts | null> {
    const parsed = ZWorkspaceSlugSchema.safeParse(slug);
    if (!parsed.success) return null;
    const row = await this.db.workspace.findUnique({
      where: { slug: parsed.data },
      select: WORKSPACE_SELECT,
    });
    if (!row) return null;
    return ZWorkspaceWithCountsSchema.parse({ ...row, ...(await this.countMembers(row.id)) });
  }

  /** Every workspace with its member counts, by name. */
  async listWithCounts(): Promise<TWorkspaceWithCounts[]> {
    const rows = await this.db.workspace.findMany({ orderBy: { name: 'asc' }, select: WORKSPACE_SELECT });
    return Promise.all(
      rows.map(async (row) =>
        ZWorkspaceWithCountsSchema.parse({ ...row, ...(await this.countMembers(row.id)) }),
      ),
    );
  }

  /** Creates a workspace; a taken slug raises `DbConflictError`. */
  async create(input: TCreateWorkspace): Promise<TWorkspace> {
    const data = ZCreateWorkspaceSchema.parse(input);
    const row = await translateWriteErrors(
      () => this.db.workspace.create({ data, select: WORKSPACE_SELECT }),
      {
        conflict: `A workspace with slug "${data.slug}" already exists`,
      },
    );
    return ZWorkspaceSchema.parse(row);
  }

  /** Inserts the workspace unless the slug exists (left untouched). Race-safe. */
  async ensureBySlug(input: TCreateWorkspace): Promise<{ workspace: TWorkspace; isCreated: boolean }> {
    const data = ZCreateWorkspaceSchema.parse(input);
    const inserted = await this.db.workspace.createManyAndReturn({
      data: [data],
      skipDuplicates: true,
      select: WORKSPACE_SELECT,
    });
    const row =
      inserted[0] ??
      (await this.db.workspace.findUniqueOrThrow({ where: { slug: data.slug }, select: WORKSPACE_SELECT }));
    return { workspace: ZWorkspaceSchema.parse(row), isCreated: inserted.length > 0 };
  }

  private async countMembers(
    workspaceId: string,
  ): Promise<{ memberCount: number; memberCountsByRole: TRoleCounts }> {
    const groups = await this.db.membership.groupBy({
      by: ['role'],
      where: { workspaceId },
      _count: { _all: true },
    });
    const memberCountsByRole: TRoleCounts = { designer: 0, engineer: 0, admin: 0, agent: 0 };
    for (const group of groups) memberCountsByRole[group.role satisfies TMembershipRole] = group._count._all;
    const memberCount = Object.values(memberCountsByRole).reduce((sum, count) => sum + count, 0);
    return { memberCount, memberCountsByRole };
  }
}
