import { z } from 'zod';

export const ZWorkspaceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be 1-48 lower-case letters, digits or dashes');

export const ZWorkspaceSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TWorkspace = z.infer<typeof ZWorkspaceSchema>;

export const ZCreateWorkspaceSchema = z.object({
  slug: ZWorkspaceSlugSchema,
  name: z.string().trim().min(1).max(200),
});
export type TCreateWorkspace = z.input<typeof ZCreateWorkspaceSchema>;

const ZCount = z.number().int().min(0);

/** Members per role (keys are the membership roles). */
export const ZRoleCountsSchema = z.object({
  designer: ZCount,
  engineer: ZCount,
  admin: ZCount,
  agent: ZCount,
});
export type TRoleCounts = z.infer<typeof ZRoleCountsSchema>;

/** A workspace with how many members it has, in total and per role. */
export const ZWorkspaceWithCountsSchema = ZWorkspaceSchema.extend({
  memberCount: ZCount,
  memberCountsByRole: ZRoleCountsSchema,
});
export type TWorkspaceWithCounts = z.infer<typeof ZWorkspaceWithCountsSchema>;
