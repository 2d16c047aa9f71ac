import { ZValidateBodySchema } from '@lumenforge/slate-data-access/server';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

/** Live validation: the draft after `operations`, checked and diffed, not saved. */
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'tokens.validate', permission: 'tokens.read' },
  async (request, { principal }) => {
    const { operations } = await readJsonBody(request, ZValidateBodySchema);
    return Response.json(await tokenService().previewOperations(principal.workspaceId, operations), {
      headers: { 'Cache-Control': 'no-store' },
    });
  },
);
