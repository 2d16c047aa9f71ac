import { randomBytes } from 'node:crypto';
import type { TApiToken } from './api-token.schema';
import { ApiTokenRepository } from './api-token.repository';
import type { TDb } from './client';
import { ComponentRepository } from './component.repository';
import type { TComponentDetail, TCreateComponent } from './component.schema';
import {
  type TBuildSummary,
  type TDeploymentSummary,
  type TProjectSummary,
  ZProjectSummarySchema,
} from './project-work.schema';
import type { TMembership, TMembershipRole } from './membership.schema';
import { MembershipRepository } from './membership.repository';
import type { TSession } from './session.schema';
import { SessionRepository } from './session.repository';
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

const HOUR_MS = 3_600_000;

/** Inserts a session for `user` (created if not given), valid for an hour unless `expiresAt` is given. */
export async function makeSession(
  db: TDb,
  input: {
    user?: TUser;
    workspace?: TWorkspace | null;
    expiresAt?: Date;
    authTime?: Date;
    mfa?: boolean;
    ip?: string | null;
    userAgent?: string | null;
  } = {},
): Promise<{ session: TSession; token: string; user: TUser }> {
  const user = input.user ?? (await makeUser(db));
  const { session, token } = await new SessionRepository(db).create({
    userId: user.id,
    workspaceId: input.workspace?.id ?? null,
    expiresAt: input.expiresAt ?? new Date(Date.now() + HOUR_MS),
    authTime: input.authTime ?? new Date(),
    mfa: input.mfa ?? false,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  });
  return { session, token, user };
}

/**
 * Inserts an API token (`tokens.read` for 30 days unless told) for `user` in `workspace`, creating
 * whichever is not given. Returns the `lf_…` token too.
 */
export async function makeApiToken(
  db: TDb,
  input: { user?: TUser; workspace?: TWorkspace; name?: string; scopes?: string[]; expiresAt?: Date } = {},
): Promise<{ apiToken: TApiToken; token: string; user: TUser; workspace: TWorkspace }> {
  const user = input.user ?? (await makeUser(db));
  const workspace = input.workspace ?? (await makeWorkspace(db));
  const { apiToken, token } = await new ApiTokenRepository(db).create({
    userId: user.id,
    workspaceId: workspace.id,
    name: input.name ?? `Test token ${uniqueSuffix()}`,
    scopes: input.scopes ?? ['tokens.read'],
    expiresAt: input.expiresAt ?? new Date(Date.now() + 30 * 24 * HOUR_MS),
  });
  return { apiToken, token, user, workspace };
}

/** Inserts a component with its version 1 (a unique `Widget…` name unless given). */
export async function makeComponent(
  db: TDb,
  input: { workspace: TWorkspace } & Partial<Omit<TCreateComponent, 'workspaceId'>>,
): Promise<TComponentDetail> {
  const { workspace, ...overrides } = input;
  return new ComponentRepository(db).create({
    name: `Widget${uniqueSuffix().replace(/[^A-Za-z0-9]/g, '')}`,
    origin: 'manual',
    source: 'export function Widget() {\n  return <div />;\n}\n',
    authorId: null,
    ...overrides,
    workspaceId: workspace.id,
  });
}

/**
 * Inserts a project (IGNITION writes them; tests of the readers need rows). A unique
 * `project-…` slug unless given; `createdAt` lets a test order them.
 */
export async function makeProject(
  db: TDb,
  input: { workspace: TWorkspace; name?: string; slug?: string; description?: string; createdAt?: Date },
): Promise<TProjectSummary> {
  const suffix = uniqueSuffix();
  const row = await db.project.create({
    data: {
      workspaceId: input.workspace.id,
      name: input.name ?? `Project ${suffix}`,
      slug: input.slug ?? `project-${suffix}`,
      description: input.description ?? '',
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
  });
  return ZProjectSummarySchema.parse(row);
}

/** Inserts a build of a project or a component (IGNIS writes them). */
export async function makeBuild(
  db: TDb,
  input: {
    workspace: TWorkspace;
    target: { projectId: string } | { componentId: string };
    status?: TBuildSummary['status'];
    durationMs?: number | null;
    bundleBytes?: number | null;
    createdAt?: Date;
  },
): Promise<{ id: string }> {
  return db.build.create({
    data: {
      workspaceId: input.workspace.id,
      ...input.target,
      status: input.status ?? 'succeeded',
      trigger: 'manual',
      durationMs: input.durationMs ?? null,
      bundleBytes: input.bundleBytes ?? null,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
    select: { id: true },
  });
}

/** Inserts a deployment of a project to an environment (WAYPOINT writes them). */
export async function makeDeployment(
  db: TDb,
  input: {
    workspace: TWorkspace;
    project: TProjectSummary;
    environment: TDeploymentSummary['environment'];
    version: string;
    status?: TDeploymentSummary['status'];
    createdAt?: Date;
  },
): Promise<{ id: string }> {
  return db.deployment.create({
    data: {
      workspaceId: input.workspace.id,
      projectId: input.project.id,
      environment: input.environment,
      version: input.version,
      imageRef: `registry.lumenforge.local/${input.project.slug}:${input.version}`,
      status: input.status ?? 'succeeded',
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
    select: { id: true },
  });
}
