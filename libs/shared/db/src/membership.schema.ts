import { z } from 'zod';

/** Roles from spec's "User Role & Permission Mindmap"; the `membership_role` enum in PostgreSQL. */
export const MEMBERSHIP_ROLES = ['designer', 'engineer', 'admin', 'agent'] as const;
export const ZMembershipRoleSchema = z.enum(MEMBERSHIP_ROLES);
export type TMembershipRole = z.infer<typeof ZMembershipRoleSchema>;

export const ZMembershipSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  workspaceId: z.uuid(),
  role: ZMembershipRoleSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TMembership = z.infer<typeof ZMembershipSchema>;

/** A membership seen from the user's side: which workspace, in which role. */
export const ZUserWorkspaceSchema = z.object({
  membershipId: z.uuid(),
  role: ZMembershipRoleSchema,
  workspaceId: z.uuid(),
  workspaceSlug: z.string(),
  workspaceName: z.string(),
});
export type TUserWorkspace = z.infer<typeof ZUserWorkspaceSchema>;
