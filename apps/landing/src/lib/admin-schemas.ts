import { ROLES } from '@lumenforge/auth';
import { AUDIT_RESULTS, USER_STATUSES, ZEmailSchema } from '@lumenforge/db';
import { z } from 'zod';

// Query schemas shared by the admin API routes and pages: both read the same GET parameters, so a
// filter URL of a page and of its API mean the same thing. Values arrive as trimmed strings with
// blanks removed (see `parseQuery`).

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZIsoDateTime = z.iso.datetime({ offset: true });
const ZUuid = z.uuid();

/** Rows per page of the admin tables unless `limit` says otherwise. */
export const ADMIN_PAGE_SIZE = 50;
const ZLimitSchema = z.coerce
  .number({ error: 'must be a whole number from 1 to 100' })
  .int('must be a whole number from 1 to 100')
  .min(1, 'must be a whole number from 1 to 100')
  .max(100, 'must be a whole number from 1 to 100')
  .default(ADMIN_PAGE_SIZE);

/**
 * A date filter bound: `YYYY-MM-DD` (a UTC day) or an ISO 8601 date-time with a zone. A day as
 * `end` means the end of that day, so `to=2026-01-31` includes the whole of 31 January (the
 * repository's upper bound is exclusive). Null when the value is not a real date.
 */
export function parseDateBound(value: string, bound: 'start' | 'end'): Date | null {
  if (DATE_ONLY.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    // `new Date` rolls 2026-02-30 over to March; a real day round-trips unchanged.
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value) return null;
    return bound === 'end' ? new Date(start.getTime() + DAY_MS) : start;
  }
  if (!ZIsoDateTime.safeParse(value).success) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

function dateBoundSchema(bound: 'start' | 'end') {
  return z.string().transform((value, ctx) => {
    const at = parseDateBound(value, bound);
    if (at) return at;
    ctx.addIssue({
      code: 'custom',
      message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone',
    });
    return z.NEVER;
  });
}

/**
 * Whether `value` has the shape of an audit-log cursor (base64url of `<ISO time>|<uuid>`), so a
 * tampered or truncated cursor is answered 400 instead of failing inside the repository.
 */
export function isAuditCursor(value: string): boolean {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return false;
  let decoded: string;
  try {
    const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
    decoded = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  } catch {
    return false;
  }
  const [time, id, ...rest] = decoded.split('|');
  return (
    rest.length === 0 &&
    Boolean(id) &&
    ZUuid.safeParse(id).success &&
    !Number.isNaN(new Date(time ?? '').getTime())
  );
}

/** `GET /api/admin/users` and `/admin/users`: search (name or email), role, status, paging. */
export const ZUserListQuerySchema = z.object({
  search: z.string().max(200, 'must be at most 200 characters').optional(),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
  status: z.enum(USER_STATUSES, { error: `must be one of ${USER_STATUSES.join(', ')}` }).optional(),
  /** The previous page's `nextCursor` (the last email shown: the list is ordered by email). */
  cursor: z.string().max(320, 'is not a cursor from this list').optional(),
  limit: ZLimitSchema,
});
export type TUserListQuery = z.output<typeof ZUserListQuerySchema>;

/** Who `actor` names: a user id, or an email the route resolves to one. */
export type TActorFilter = { kind: 'id'; id: string } | { kind: 'email'; email: string };

const ZActorSchema = z
  .string()
  .max(320, 'must be a user id or an email address')
  .transform((value, ctx): TActorFilter => {
    if (ZUuid.safeParse(value).success) return { kind: 'id', id: value.toLowerCase() };
    const email = ZEmailSchema.safeParse(value);
    if (email.success) return { kind: 'email', email: email.data };
    ctx.addIssue({ code: 'custom', message: 'must be a user id or an email address' });
    return z.NEVER;
  });

/** `user.role_changed` (exact), `user.` or `user.*` (prefix). */
const ACTION_PATTERN = /^[A-Za-z0-9_:-]+(?:\.[A-Za-z0-9_:-]+)*(?:\.|\.?\*)?$/;

/** Suggestions for the action filter (prefixes of the actions the platform writes). */
export const AUDIT_ACTION_SUGGESTIONS = [
  'auth.',
  'user.',
  'api_token.',
  'api.',
  'api.admin.',
  'api.account.',
] as const;

/** `GET /api/admin/audit` and `/admin/audit`: action (exact or prefix), result, actor, time range, paging. */
export const ZAuditQuerySchema = z
  .object({
    action: z
      .string()
      .max(200, 'must be at most 200 characters')
      .regex(ACTION_PATTERN, 'must be an action like user.role_changed, or a prefix ending in "." or "*"')
      .optional(),
    result: z.enum(AUDIT_RESULTS, { error: `must be one of ${AUDIT_RESULTS.join(', ')}` }).optional(),
    actor: ZActorSchema.optional(),
    from: dateBoundSchema('start').optional(),
    to: dateBoundSchema('end').optional(),
    cursor: z.string().refine(isAuditCursor, 'is not a cursor from this list').optional(),
    limit: ZLimitSchema,
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from.getTime() >= query.to.getTime())
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type TAuditQuery = z.output<typeof ZAuditQuerySchema>;

/** `PATCH /api/admin/users/:id`: a new role, activation, or both. */
export const ZUpdateUserBodySchema = z
  .strictObject({
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((body) => body.role !== undefined || body.active !== undefined, 'Give a role, active, or both');
export type TUpdateUserBody = z.output<typeof ZUpdateUserBodySchema>;
