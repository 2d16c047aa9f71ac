import { z } from 'zod';

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export const ZAuditResultSchema = z.enum(AUDIT_RESULTS);
export type TAuditResult = z.infer<typeof ZAuditResultSchema>;

export const ZAuditMetadataSchema = z.record(z.string(), z.unknown());

export const ZAuditLogSchema = z.object({
  id: z.uuid(),
  occurredAt: z.date(),
  actorUserId: z.uuid().nullable(),
  workspaceId: z.uuid().nullable(),
  /** Dotted verb, e.g. `user.role_changed`, `deploy.approved`, `session.created`. */
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  result: ZAuditResultSchema,
  correlationId: z.string().nullable(),
  metadata: ZAuditMetadataSchema,
});
export type TAuditLog = z.infer<typeof ZAuditLogSchema>;

export const ZAppendAuditLogSchema = z.object({
  action: z.string().trim().min(1).max(200),
  occurredAt: z.date().optional(),
  actorUserId: z.uuid().nullish(),
  workspaceId: z.uuid().nullish(),
  targetType: z.string().max(100).nullish(),
  targetId: z.string().max(200).nullish(),
  ip: z.string().max(100).nullish(),
  userAgent: z.string().max(1000).nullish(),
  result: ZAuditResultSchema.default('success'),
  correlationId: z.string().max(200).nullish(),
  metadata: ZAuditMetadataSchema.default({}),
});
export type TAppendAuditLog = z.input<typeof ZAppendAuditLogSchema>;

/**
 * Where the request behind an audited action came from. `onAudited` hears of every row written for
 * it, so `apiRoute` knows the action's own row exists and writes no second one.
 */
export type TAuditContext = {
  ip: string | null;
  userAgent: string | null;
  correlationId: string;
  onAudited?: (entry: TAuditLog) => void;
};

/** An audit entry without the request fields, which {@link TAuditContext} supplies. */
export type TAuditEntry = Omit<TAppendAuditLog, 'ip' | 'userAgent' | 'correlationId'>;

export const ZListAuditLogsSchema = z.object({
  actorUserId: z.uuid().optional(),
  workspaceId: z.uuid().optional(),
  /** Exact action, or a prefix ending in `.` / `*` (`user.` matches `user.login`, `user.logout`…). */
  action: z.string().min(1).optional(),
  result: ZAuditResultSchema.optional(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  /** Inclusive lower bound. */
  from: z.date().optional(),
  /** Exclusive upper bound. */
  to: z.date().optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type TListAuditLogs = z.input<typeof ZListAuditLogsSchema>;

export type TAuditLogPage = { items: TAuditLog[]; nextCursor: string | null };
