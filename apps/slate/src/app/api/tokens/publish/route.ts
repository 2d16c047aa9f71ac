import { ZPublishInputSchema } from '@lumenforge/slate-data-access/server';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

/** Publishes the draft: `{ changelog, semver?, expectedUpdatedAt? }` → 201 `{ version }`. */
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'tokens.publish', permission: 'tokens.write' },
  async (request, { principal, auditTarget, correlationId, ip, userAgent }) => {
    const input = await readJsonBody(request, ZPublishInputSchema);
    const version = await tokenService().publish(
      principal.workspaceId,
      input,
      { userId: principal.userId, name: principal.name },
      { correlationId, ip, userAgent },
    );
    auditTarget('token_version', String(version.number), { semver: version.semver });
    return Response.json({ version }, { status: 201 });
  },
);
