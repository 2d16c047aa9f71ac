import type { TDb } from './client';
import type { Prisma } from './generated/prisma/client';
import {
  type TAppendAuditLog,
  type TAuditContext,
  type TAuditEntry,
  type TAuditLog,
  type TAuditLogPage,
  type TListAuditLogs,
  ZAppendAuditLogSchema,
  ZAuditLogSchema,
  ZListAuditLogsSchema,
} from './audit-log.schema';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

const AUDIT_SELECT = {
  id: true,
  occurredAt: true,
  actorUserId: true,
  workspaceId: true,
  action: true,
  targetType: true,
  targetId: true,
  ip: true,
  userAgent: true,
  result: true,
  correlationId: true,
  metadata: true,
} as const;

function actionFilter(action: string | undefined): Prisma.StringFilter | string | undefined {
  if (!action) return undefined;
  if (action.endsWith('*')) return { startsWith: action.slice(0, -1) };
  if (action.endsWith('.')) return { startsWith: action };
  return action;
}

/** The append-only audit log: every change and every denied attempt. No update or delete here. */
export class AuditLogRepository {
  constructor(private readonly db: TDb) {}

  /** Appends one entry. Pass the transaction of the change it records so both commit together. */
  async append(entry: TAppendAuditLog): Promise<TAuditLog> {
    const data = ZAppendAuditLogSchema.parse(entry);
    const row = await this.db.auditLog.create({
      data: { ...data, metadata: data.metadata as Prisma.InputJsonObject },
      select: AUDIT_SELECT,
    });
    return ZAuditLogSchema.parse(row);
  }

  /**
   * Writes the audit row of one action with the request's IP, user agent and correlation id. Build
   * the repository on the transaction of the change (`createRepositories(tx).auditLogs`), like the
   * change's outbox event: the change and its row then commit or roll back together.
   */
  async record(context: TAuditContext, entry: TAuditEntry): Promise<TAuditLog> {
    const row = await this.append({
      ...entry,
      ip: context.ip,
      userAgent: context.userAgent,
      correlationId: context.correlationId,
    });
    context.onAudited?.(row);
    return row;
  }

  /** Which of these entry ids exist (committed, as seen from this client or transaction). */
  async existingIds(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.auditLog.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /**
   * A page of entries, newest first, filtered by actor, workspace, action (exact or prefix),
   * result, target and time range. Pass `nextCursor` back to get the next page; every row appears
   * exactly once across pages even when rows share a timestamp.
   */
  async list(input: TListAuditLogs = {}): Promise<TAuditLogPage> {
    const query = ZListAuditLogsSchema.parse(input);
    const cursor = query.cursor ? decodeAuditCursor(query.cursor) : null;
    const and: Prisma.AuditLogWhereInput[] = [];
    if (query.from || query.to) and.push({ occurredAt: { gte: query.from, lt: query.to } });
    if (cursor) {
      and.push({
        OR: [
          { occurredAt: { lt: cursor.occurredAt } },
          { occurredAt: cursor.occurredAt, id: { lt: cursor.id } },
        ],
      });
    }
    const rows = await this.db.auditLog.findMany({
      where: {
        actorUserId: query.actorUserId,
        workspaceId: query.workspaceId,
        action: actionFilter(query.action),
        result: query.result,
        targetType: query.targetType,
        targetId: query.targetId,
        AND: and,
      },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      select: AUDIT_SELECT,
    });
    const items = rows.slice(0, query.limit).map((row) => ZAuditLogSchema.parse(row));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeAuditCursor(last) : null };
  }
}
