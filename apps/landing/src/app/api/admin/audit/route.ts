// GET /api/admin/audit — the audit log, newest first, filtered and paged (audit.read)
import { apiRoute } from '@lumenforge/runtime/server';
import { listAuditEntries } from '../../../../lib/admin-data';
import { ZAuditQuerySchema } from '../../../../lib/admin-schemas';
import { readQuery } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(
  getRuntime,
  { endpoint: 'admin.audit.list', permission: 'audit.read' },
  async (request) => {
    const query = readQuery(request, ZAuditQuerySchema);
    const { entries, nextCursor } = await listAuditEntries(query);
    return Response.json({ entries, nextCursor }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
