import { SYSTEM_IDS } from '@lumenforge/config';
import { z } from 'zod';
import { ACTIVITY_KINDS } from './activity-subjects';

export const ACTIVITY_DEFAULT_LIMIT = 30;
export const ACTIVITY_MAX_LIMIT = 100;

/**
 * `GET /api/activity` and `/activity` query parameters (strings in, typed out): `system` (a system
 * id), `kind` (`build.failed`), `before` (the `nextBefore` cursor of the previous page), `limit`
 * (1–100, default 30).
 */
export const ZActivityQuerySchema = z.object({
  system: z.enum(SYSTEM_IDS).optional(),
  kind: z.enum(ACTIVITY_KINDS, { error: 'must be an event kind such as build.failed' }).optional(),
  before: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be a cursor from a previous page')
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `must be a whole number from 1 to ${ACTIVITY_MAX_LIMIT}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(ACTIVITY_MAX_LIMIT))
    .default(ACTIVITY_DEFAULT_LIMIT),
});
export type TActivityQuery = z.output<typeof ZActivityQuerySchema>;
