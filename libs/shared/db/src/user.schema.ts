import { z } from 'zod';
import { ZMembershipRoleSchema } from './membership.schema';

export const USER_STATUSES = ['active', 'deactivated'] as const;
export const ZUserStatusSchema = z.enum(USER_STATUSES);
export type TUserStatus = z.infer<typeof ZUserStatusSchema>;

/** Emails are compared and stored lower-cased and trimmed. */
export const ZEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address' }));

export const ZUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  status: ZUserStatusSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
  lastLoginAt: z.date().nullable(),
});
export type TUser = z.infer<typeof ZUserSchema>;

export const ZCreateUserSchema = z.object({
  email: ZEmailSchema,
  name: z.string().trim().min(1).max(200),
  status: ZUserStatusSchema.optional(),
});
export type TCreateUser = z.input<typeof ZCreateUserSchema>;

/** A row of the admin users table: the user, their role in the workspace and their last sign-in. */
export const ZUserWithRoleSchema = ZUserSchema.extend({
  role: ZMembershipRoleSchema.nullable(),
});
export type TUserWithRole = z.infer<typeof ZUserWithRoleSchema>;
