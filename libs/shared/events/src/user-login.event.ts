import { z } from 'zod';
import { defineEvent } from './define-event';

export const USER_LOGIN = defineEvent({
  subject: 'wissil.user.login',
  description: 'A user signed in and a platform session was created',
  schema: z.object({
    userId: z.uuid(),
    /** The OIDC issuer that authenticated the user (nocturnaID by default). */
    provider: z.string().min(1).max(200),
    /** Whether the session was created with MFA (required for production deploys). */
    isMfa: z.boolean(),
  }),
  sample: {
    userId: 'e7336e82-773b-4b50-9863-705b711c4349',
    provider: 'https://id.nocturnaid.org',
    isMfa: true,
  },
});
export type TUserLogin = z.infer<typeof USER_LOGIN.schema>;
