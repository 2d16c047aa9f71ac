import type { TDb } from './client';
import {
  type TMembership,
  type TMembershipRole,
  type TUserWorkspace,
  ZMembershipRoleSchema,
  ZMembershipSchema,
  ZUserWorkspaceSchema,
} from './membership.schema';
import { translateWriteErrors } from './prisma-errors';

const MEMBERSHIP_SELECT = {
  id: true,
  userId: true,
  workspaceId: true,
  role: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type TMembershipKey = { userId: string; workspaceId: string };

/** Who belongs to which workspace, in which role. */
export class MembershipRepository {
  constructor(private readonly db: TDb) {}

  async find(key: TMembershipKey): Promise<TMembership | null> {
    const row = await this.db.membership.findUnique({
      where: { userId_workspaceId: { userId: key.userId, workspaceId: key.workspaceId } },
      select: MEMBERSHIP_SELECT,
    });
    return row ? ZMembershipSchema.parse(row) : null;
  }

  /**
   * Sets the user's role in the workspace, creating the membership when needed. Returns the
   * previous role (null for a new member) so callers can audit and publish `user.role_changed`.
   */
  async setRole(
    key: TMembershipKey & { role: TMembershipRole },
  ): Promise<{ membership: TMembership; previousRole: TMembershipRole | null }> {
    const role = ZMembershipRoleSchema.parse(key.role);
    const where = { userId_workspaceId: { userId: key.userId, workspaceId: key.workspaceId } };
    const previous = await this.db.membership.findUnique({ where, select: { role: true } });
    const row = await translateWriteErrors(
      () =>
        this.db.membership.upsert({
          where,
          create: { userId: key.userId, workspaceId: key.workspaceId, role },
          update: { role },
          select: MEMBERSHIP_SELECT,
        }),
      { conflict: `User ${key.userId} joined workspace ${key.workspaceId} concurrently; retry` },
    );
    return { membership: ZMembershipSchema.parse(row), previousRole: previous?.role ?? null };
  }

  /** Adds the membership unless it exists (an existing role is kept). Race-safe. */
  async ensure(
    key: TMembershipKey & { role: TMembershipRole },
  ): Promise<{ membership: TMembership; isCreated: boolean }> {
    const data = {
      userId: key.userId,
      workspaceId: key.workspaceId,
      role: ZMembershipRoleSchema.parse(key.role),
    };
    const inserted = await this.db.membership.createManyAndReturn({
      data: [data],
      skipDuplicates: true,
      select: MEMBERSHIP_SELECT,
    });
    const row =
      inserted[0] ??
      (await this.db.membership.findUniqueOrThrow({
        where: { userId_workspaceId: { userId: key.userId, workspaceId: key.workspaceId } },
        select: MEMBERSHIP_SELECT,
      }));
    return { membership: ZMembershipSchema.parse(row), isCreated: inserted.length > 0 };
  }

  /** Removes the user from the workspace; false when they were not a member. */
  async remove(key: TMembershipKey): Promise<boolean> {
    const { count } = await this.db.membership.deleteMany({
      where: { userId: key.userId, workspaceId: key.workspaceId },
    });
    return count > 0;
  }

  /** The user's workspaces and roles, by workspace name. */
  async listForUser(userId: string): Promise<TUserWorkspace[]> {
    const rows = await this.db.membership.findMany({
      where: { userId },
      orderBy: { workspace: { name: 'asc' } },
      select: { id: true, role: true, workspace: { select: { id: true, slug: true, name: true } } },
    });
    return rows.map((row) =>
      ZUserWorkspaceSchema.parse({
        membershipId: row.id,
        role: row.role,
        workspaceId: row.workspace.id,
        workspaceSlug: row.workspace.slug,
        workspaceName: row.workspace.name,
      }),
    );
  }

  async listForWorkspace(
    workspaceId: string,
    options: { role?: TMembershipRole } = {},
  ): Promise<TMembership[]> {
    const rows = await this.db.membership.findMany({
      where: { workspaceId, role: options.role },
      orderBy: { createdAt: 'asc' },
      select: MEMBERSHIP_SELECT,
    });
    return rows.map((row) => ZMembershipSchema.parse(row));
  }
}
