import { z } from 'zod';
import { defineEvent } from './define-event';
import { ZUserRoleSchema } from './event-fields.schema';

export const USER_ROLE_CHANGED = defineEvent({
  subject: 'wissil.user.role_changed',
  description: "A user's role in the workspace changed (sessions and caches must re-read permissions)",
  schema: z.object({
    userId: z.uuid(),
    /** null when the user just joined the workspace. */
    previousRole: ZUserRoleSchema.nullable(),
    newRole: ZUserRoleSchema,
    /** The admin who changed it. */
    changedBy: z.uuid(),
  }),
  sample: {
    userId: 'e7336e82-773b-4b50-9863-705b711c4349',
    previousRole: 'designer',
    newRole: 'engineer',
    changedBy: 'a112ed39-de99-479e-95d5-c8e4d7781970',
  },
});
export type TUserRoleChanged = z.infer<typeof USER_ROLE_CHANGED.schema>;
