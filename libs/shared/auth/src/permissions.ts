import type { TSystemId } from '@lumenforge/config';

/** The four roles of spec's "User Role & Permission Mindmap"; a membership holds one per workspace. */
export const ROLES = ['designer', 'engineer', 'admin', 'agent'] as const;
export type TRole = (typeof ROLES)[number];

/**
 * Named permissions, checked on the server in every route handler and server action (the UI only
 * hides what a role cannot do). `*.read` ones gate viewing; the others gate changes.
 */
export const PERMISSIONS = [
  'tokens.read',
  'tokens.write',
  'components.read',
  'components.generate',
  'builds.read',
  'builds.run',
  'projects.read',
  'projects.create',
  'deployments.read',
  'deploy.staging',
  'deploy.production',
  'users.manage',
  'audit.read',
  'mcp.use',
  'system.config',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Readonly<Record<TPermission, string>> = {
  'tokens.read': 'View design tokens',
  'tokens.write': 'Edit and publish design tokens',
  'components.read': 'View components and previews',
  'components.generate': 'Generate and edit components',
  'builds.read': 'View builds',
  'builds.run': 'Run builds',
  'projects.read': 'View projects',
  'projects.create': 'Create projects',
  'deployments.read': 'View deployments',
  'deploy.staging': 'Deploy to staging',
  'deploy.production': 'Deploy to production (MFA sign-in required)',
  'users.manage': 'Manage users and roles (MFA sign-in required)',
  'audit.read': 'Read the audit log',
  'mcp.use': 'Use the MCP tools',
  'system.config': 'Change system configuration',
};

/**
 * The mindmap as a matrix. Designer: SLATE (view, edit), LANDING view, component preview read-only.
 * Engineer: every system, staging deploys, builds, projects, MCP. Admin: everything. Agent
 * (automation through API tokens or client credentials): read components and code, generate, build,
 * MCP tools — no deploys, no people.
 */
export const ROLE_PERMISSIONS: Readonly<Record<TRole, readonly TPermission[]>> = {
  designer: ['tokens.read', 'tokens.write', 'components.read', 'builds.read'],
  engineer: [
    'tokens.read',
    'components.read',
    'components.generate',
    'builds.read',
    'builds.run',
    'projects.read',
    'projects.create',
    'deployments.read',
    'deploy.staging',
    'mcp.use',
  ],
  admin: PERMISSIONS,
  agent: [
    'tokens.read',
    'components.read',
    'components.generate',
    'builds.read',
    'builds.run',
    'projects.read',
    'mcp.use',
  ],
};

/** Permissions that need a session whose sign-in used MFA, recently (step-up through the provider). */
export const STEP_UP_PERMISSIONS: ReadonlySet<TPermission> = new Set(['deploy.production', 'users.manage']);

/**
 * Which systems a role may open. A system is usable when the role holds at least one of its
 * permissions; LANDING (the portal) is open to every signed-in role.
 */
export const SYSTEM_PERMISSIONS: Readonly<Record<TSystemId, readonly TPermission[]>> = {
  landing: [],
  slate: ['tokens.read'],
  ignition: ['projects.read'],
  spark: ['components.read'],
  ignis: ['builds.read'],
  waypoint: ['deployments.read'],
};

export function isRole(value: unknown): value is TRole {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is TPermission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function permissionsFor(role: TRole): readonly TPermission[] {
  return ROLE_PERMISSIONS[role];
}

export function roleHasPermission(role: TRole, permission: TPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function canUseSystem(permissions: readonly TPermission[], system: TSystemId): boolean {
  const needed = SYSTEM_PERMISSIONS[system];
  return needed.length === 0 || needed.some((permission) => permissions.includes(permission));
}
