import { ZRestoreInputSchema } from '@lumenforge/slate-data-access/server';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { versionNumber } from '../../../../../../lib/token-query';
import { getRuntime } from '../../../../../../runtime';
import { tokenService } from '../../../../../../tokens';

export const dynamic = 'force-dynamic';

type TRoute = { params: Promise<{ version: string }> };

/** Publishes version N's content as a new version: `{ changelog? }` → 201 `{ version }`. */
export const POST = apiRoute<TRoute>(
  getRuntime,
  { endpoint: 'tokens.restore', permission: 'tokens.write' },
  async (request, context) => {
    const { principal, route } = context;
    const number = versionNumber((await route.params).version);
    context.auditTarget('token_version', String(number));
    const input = await readJsonBody(request, ZRestoreInputSchema);
    const version = await tokenService().restore(
      principal.workspaceId,
      number,
      input,
      { userId: principal.userId, name: principal.name },
      context,
    );
    return Response.json({ version }, { status: 201 });
  },
);
