import { ZPublishInputSchema } from '@lumenforge/slate-data-access/server';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

/** Publishes the draft: `{ changelog, semver?, expectedUpdatedAt? }` → 201 `{ version }`. */
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'tokens.publish', permission: 'tokens.write' },
  async (request, context) => {
    const { principal } = context;
    context.auditTarget('token_set', principal.workspaceId);
    const input = await readJsonBody(request, ZPublishInputSchema);
    // The version and its `tokens.published` row commit together (the context hears of the row).
    const version = await tokenService().publish(
      principal.workspaceId,
      input,
      { userId: principal.userId, name: principal.name },
      context,
    );
    return Response.json({ version }, { status: 201 });
  },
);
