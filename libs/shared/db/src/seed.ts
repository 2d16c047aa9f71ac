import type { TDbClient } from './client';
import type { TMembershipRole } from './membership.schema';
import type { TMembership } from './membership.schema';
import { createRepositories } from './repositories';
import type { TUser } from './user.schema';
import type { TWorkspace } from './workspace.schema';

export const DEMO_WORKSPACE = { slug: 'lumenforge', name: 'LumenForge Demo' } as const;

/** One demo user per role; the local OIDC provider signs them in by these emails. */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: TMembershipRole }> = [
  { email: 'designer@lumenforge.local', name: 'Dana Designer', role: 'designer' },
  { email: 'engineer@lumenforge.local', name: 'Eli Engineer', role: 'engineer' },
  { email: 'admin@lumenforge.local', name: 'Ada Admin', role: 'admin' },
  { email: 'agent@lumenforge.local', name: 'Automation Agent', role: 'agent' },
];

export type TSeedResult = {
  workspace: { workspace: TWorkspace; isCreated: boolean };
  users: Array<{
    user: TUser;
    membership: TMembership;
    isUserCreated: boolean;
    isMembershipCreated: boolean;
  }>;
  /** Rows this run inserted (0 on a second run). */
  createdCount: number;
  /** Rows that already existed and were left as they are. */
  keptCount: number;
};

/**
 * Seeds the demo workspace and its four users (one per role), in one transaction. Idempotent:
 * existing rows are kept as they are (a role an admin changed stays changed), so running it on
 * every start is safe, also concurrently.
 */
export async function seedDemoData(db: TDbClient): Promise<TSeedResult> {
  return db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    const workspace = await repos.workspaces.ensureBySlug(DEMO_WORKSPACE);
    const users: TSeedResult['users'] = [];
    for (const demoUser of DEMO_USERS) {
      const { user, isCreated: isUserCreated } = await repos.users.ensureByEmail({
        email: demoUser.email,
        name: demoUser.name,
      });
      const { membership, isCreated: isMembershipCreated } = await repos.memberships.ensure({
        userId: user.id,
        workspaceId: workspace.workspace.id,
        role: demoUser.role,
      });
      users.push({ user, membership, isUserCreated, isMembershipCreated });
    }
    const flags = [
      workspace.isCreated,
      ...users.flatMap((entry) => [entry.isUserCreated, entry.isMembershipCreated]),
    ];
    const createdCount = flags.filter(Boolean).length;
    return { workspace, users, createdCount, keptCount: flags.length - createdCount };
  });
}
