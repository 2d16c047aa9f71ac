import { z } from 'zod';
import { defineEvent } from './define-event';

export const LOGOUT_REASONS = ['user', 'expired', 'revoked'] as const;

export const USER_LOGOUT = defineEvent({
  subject: 'wissil.user.logout',
  description: "A user's platform session ended (signed out, expired or revoked)",
  schema: z.object({
    userId: z.uuid(),
    reason: z.enum(LOGOUT_REASONS),
    /** The one session that ended (sign-out); absent when every session of the user ended. */
    sessionId: z.uuid().optional(),
  }),
  sample: { userId: 'e7336e82-773b-4b50-9863-705b711c4349', reason: 'user' },
});
export type TUserLogout = z.infer<typeof USER_LOGOUT.schema>;
