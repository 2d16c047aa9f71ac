import { z } from 'zod';
import type { TDb } from './client';
import { type TMembershipRole, ZMembershipRoleSchema } from './membership.schema';
import { translateWriteErrors } from './prisma-errors';
import {
  type TCreateUser,
  type TUser,
  type TUserStatus,
  type TUserWithRole,
  ZCreateUserSchema,
  ZEmailSchema,
  ZUserSchema,
  ZUserStatusSchema,
  ZUserWithRoleSchema,
} from './user.schema';

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  lastLoginAt: true,
} as const;

const ZListUsersSchema = z.object({
  /** Whose roles to show; users outside the workspace are listed with `role: null` unless `membersOnly`. */
  workspaceId: z.uuid(),
  /** Only users with a membership in the workspace (default true). */
  membersOnly: z.boolean().default(true),
  role: ZMembershipRoleSchema.optional(),
  status: ZUserStatusSchema.optional(),
  /** Case-insensitive match on name or email. */
  search: z.string().trim().min(1).optional(),
  /** `nextCursor` of the previous page (an email: the list is ordered by email). */
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TListUsers = z.input<typeof ZListUsersSchema>;

/** Users: sign-in identities. Emails are stored lower-cased; lookups normalise the same way. */
export class UserRepository {
  constructor(private readonly db: TDb) {}

  async findById(id: string): Promise<TUser | null> {
    const row = await this.db.user.findUnique({ where: { id }, select: USER_SELECT });
    return row ? ZUserSchema.parse(row) : null;
  }

  async findByEmail(email: string): Promise<TUser | null> {
    const normalized = ZEmailSchema.safeParse(email);
    if (!normalized.success) return null;
    const row = await this.db.user.findUnique({ where: { email: normalized.data }, select: USER_SELECT });
    return row ? ZUserSchema.parse(row) : null;
  }

  /** Creates a user. A taken email raises `DbConflictError` ("… already exists") and changes nothing. */
  async create(input: TCreateUser): Promise<TUser> {
    const data = ZCreateUserSchema.parse(input);
    const row = await translateWriteErrors(() => this.db.user.create({ data, select: USER_SELECT }), {
      conflict: `A user with email ${data.email} already exists`,
    });
    return ZUserSchema.parse(row);
  }

  /**
   * Creates the user or updates the name of the existing one (sign-in from the identity provider,
   * which is the source of truth for names).
   */
  async upsertByEmail(input: TCreateUser): Promise<TUser> {
    const data = ZCreateUserSchema.parse(input);
    const row = await this.db.user.upsert({
      where: { email: data.email },
      create: data,
      update: { name: data.name },
      select: USER_SELECT,
    });
    return ZUserSchema.parse(row);
  }

  /**
   * Inserts the user unless the email exists (then leaves it untouched). Race-safe
   * (`INSERT … ON CONFLICT DO NOTHING`); `isCreated` tells which happened.
   */
  async ensureByEmail(input: TCreateUser): Promise<{ user: TUser; isCreated: boolean }> {
    const data = ZCreateUserSchema.parse(input);
    const inserted = await this.db.user.createManyAndReturn({
      data: [data],
      skipDuplicates: true,
      select: USER_SELECT,
    });
    const row =
      inserted[0] ??
      (await this.db.user.findUniqueOrThrow({ where: { email: data.email }, select: USER_SELECT }));
    return { user: ZUserSchema.parse(row), isCreated: inserted.length > 0 };
  }

  /** Stamps a successful sign-in. */
  async recordLogin(id: string, at: Date = new Date()): Promise<TUser> {
    const row = await translateWriteErrors(
      () => this.db.user.update({ where: { id }, data: { lastLoginAt: at }, select: USER_SELECT }),
      { conflict: 'unreachable', notFound: `No user ${id}` },
    );
    return ZUserSchema.parse(row);
  }

  async setStatus(id: string, status: TUserStatus): Promise<TUser> {
    const row = await translateWriteErrors(
      () =>
        this.db.user.update({
          where: { id },
          data: { status: ZUserStatusSchema.parse(status) },
          select: USER_SELECT,
        }),
      { conflict: 'unreachable', notFound: `No user ${id}` },
    );
    return ZUserSchema.parse(row);
  }

  async updateName(id: string, name: string): Promise<TUser> {
    const row = await translateWriteErrors(
      () =>
        this.db.user.update({
          where: { id },
          data: { name: z.string().trim().min(1).max(200).parse(name) },
          select: USER_SELECT,
        }),
      { conflict: 'unreachable', notFound: `No user ${id}` },
    );
    return ZUserSchema.parse(row);
  }

  /**
   * The admin users table: users with their role in `workspaceId` and their last sign-in,
   * ordered by email, `limit` per page.
   */
  async listWithRoles(input: TListUsers): Promise<{ items: TUserWithRole[]; nextCursor: string | null }> {
    const query = ZListUsersSchema.parse(input);
    const membershipFilter = query.role
      ? { some: { workspaceId: query.workspaceId, role: query.role } }
      : query.membersOnly
        ? { some: { workspaceId: query.workspaceId } }
        : undefined;
    const rows = await this.db.user.findMany({
      where: {
        memberships: membershipFilter,
        status: query.status,
        email: query.cursor ? { gt: query.cursor } : undefined,
        OR: query.search
          ? [
              { email: { contains: query.search, mode: 'insensitive' } },
              { name: { contains: query.search, mode: 'insensitive' } },
            ]
          : undefined,
      },
      orderBy: { email: 'asc' },
      take: query.limit + 1,
      select: {
        ...USER_SELECT,
        memberships: { where: { workspaceId: query.workspaceId }, select: { role: true } },
      },
    });
    const page = rows.slice(0, query.limit);
    const items = page.map(({ memberships, ...user }) =>
      ZUserWithRoleSchema.parse({
        ...user,
        role: (memberships[0]?.role ?? null) satisfies TMembershipRole | null,
      }),
    );
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? last.email : null };
  }

  async count(): Promise<number> {
    return this.db.user.count();
  }
}
