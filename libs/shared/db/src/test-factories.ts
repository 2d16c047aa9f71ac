import { randomBytes } from 'node:crypto';
import type { TDb } from './client';
import type { TMembership, TMembershipRole } from './membership.schema';
import { MembershipRepository } from './membership.repository';
import type { TUser, TUserStatus } from './user.schema';
import { UserRepository } from './user.repository';
import type { TWorkspace } from './workspace.schema';
import { WorkspaceRepository } from './workspace.repository';

let sequence = 0;

/** Unique per call, also across processes sharing a database (e2e workers). */
function uniqueSuffix(): string {
  sequence += 1;
  return `${sequence}-${randomBytes(3).toString('hex')}`;
}

/** Inserts a user (unique `user-…@test.lumenforge.local` email unless given). */
export async function makeUser(
  db: TDb,
  overrides: { email?: string; name?: string; status?: TUserStatus; lastLoginAt?: Date } = {},
): Promise<TUser> {
  const suffix = uniqueSuffix();
  const users = new UserRepository(db);
  const user = await users.create({
    email: overrides.email ?? `user-${suffix}@test.lumenforge.local`,
    name: overrides.name ?? `Test User ${suffix}`,
    status: overrides.status,
  });
  return overrides.lastLoginAt ? users.recordLogin(user.id, overrides.lastLoginAt) : user;
}

/** Inserts a workspace (unique `ws-…` slug unless given). */
export async function makeWorkspace(
  db: TDb,
  overrides: { slug?: string; name?: string } = {},
): Promise<TWorkspace> {
  const suffix = uniqueSuffix();
  return new WorkspaceRepository(db).create({
    slug: overrides.slug ?? `ws-${suffix}`,
    name: overrides.name ?? `Test Workspace ${suffix}`,
  });
}

/** Makes `user` a member of `workspace` with `role` (default designer), creating whichever is not given. */
export async function makeMembership(
  db: TDb,
  input: { user?: TUser; workspace?: TWorkspace; role?: TMembershipRole } = {},
): Promise<{ membership: TMembership; user: TUser; workspace: TWorkspace }> {
  const user = input.user ?? (await makeUser(db));
  const workspace = input.workspace ?? (await makeWorkspace(db));
  const { membership } = await new MembershipRepository(db).setRole({
    userId: user.id,
    workspaceId: workspace.id,
    role: input.role ?? 'designer',
  });
  return { membership, user, workspace };
}
